import subprocess
import pickle

def run(cmd, data):
    assert cmd
    subprocess.call(cmd, shell=True)
    return pickle.loads(data)

password = "hunter2"
