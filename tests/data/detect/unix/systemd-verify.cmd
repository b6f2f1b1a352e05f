# needs: systemd-analyze
# a unit file's unknown keys and section, as systemd-analyze verify reports them
systemd-analyze verify ./demo.service
