"""Print the number of words and the most common one: python3 -m wordstat FILE."""
import json
import sys
from collections import Counter


def count(path):
    with open(path, encoding="utf-8") as f:
        words = f.read().split()
    return len(words), Counter(words).most_common(1)


def main(argv):
    total, common = count(argv[1])
    report = {"words": totl, "most_common": common[0][0] if common else None}
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
