/*
 * The prefix a CI system or a wrapper puts before every line of a tool's
 * output, found so that the matchers see the tool's own line (the record's
 * raw text keeps it).  The shapes, which may follow one another:
 *
 *   2024-05-01T10:00:00.1234567Z      GitHub Actions, Azure Pipelines (an
 *                                     ISO 8601 time, T or a space, any
 *                                     fraction, Z or an offset)
 *   2025-07-07 09:17:07.08 +0000 UTC  Go's time.Time (a zone's offset and
 *                                     name after a blank)
 *   2025/07/07 09:17:07               Go's log package
 *   E, [2024-05-01T10:00:00.1 #12] ERROR -- app:   Ruby's Logger
 *   2024-05-01T10:00:00.123456Z 01O   GitLab runner (stream and O or E,
 *                                     "+" on a partial line)
 *   [2024-05-01T10:00:00.123Z]        Jenkins' timestamper, any bracketed
 *   [10:00:00]                        time or date and time (TeamCity's
 *                                     without a space after it, and
 *                                     its "[step name] " after that)
 *   [23-Oct-2018 23:30:43 UTC]        any other bracketed date and time
 *                                     (PHP's error log, Apache's)
 *   10:00:00                          a bare clock time (Jenkins, scripts)
 *   Jul  6 15:19:10 host prog[12]:    syslog, journalctl
 *   #12 3.456                         docker build with BuildKit (step,
 *                                     seconds)
 *   Step #2 - "build":                Google Cloud Build (the name optional)
 *   [Pipeline]                        Jenkins' own lines
 *   not ok 2 -                        TAP's failed test, a linter's finding
 *                                     its description
 *   web_1  |   web-1  |               docker compose's service tag
 *   [pod/web-5d4f/app]                kubectl logs --prefix
 *   [CI/build]   |                    act's job tag
 *   4   :   [1.2s] |                  Dagger's plain progress (a step's
 *                                     number, depth and time)
 *   job<TAB>step<TAB>                 gh run view --log (then GitHub's time)
 *   hello-2.12>                       nix build -L (a derivation's name)
 *   C/C++:                            the Android Gradle plugin's native
 *                                     build (CMake's, clang's lines)
 *   web:build:   @acme/ui:test:unit:  a monorepo's task runner (turbo's
 *   packages/core build:              package and task, pnpm -r's package
 *   [@acme/core]:   @acme/core:       directory and script, yarn
 *                                     workspaces foreach's package, lerna's
 *                                     scoped one), from the second line it
 *                                     begins on
 *
 * and pip's six spaces before a build backend's output, between its
 * "╰─> [N lines of output]" and "[end of output]" (a state of the stream:
 * those lines are prefilter literals of pip.json, so the engine sees them).
 * Each shape is precise enough not to be taken for a tool's own text: a
 * compiler's "  5 | code" starts with blanks, maven's "[ERROR] " is no
 * time and no tag of these kinds.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "heal_detect.h"
#include "heal_detect_int.h"

static bool dig(char c)
{
	return c >= '0' && c <= '9';
}

/* n digits at s[i]: the index after them, or 0. */
static size_t digits(const char *s, size_t len, size_t i, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (i + k >= len || !dig(s[i + k]))
			return 0;
	return i + n;
}

/* HH:MM:SS[.frac] at s[i]: the index after it, or 0. */
static size_t clock_time(const char *s, size_t len, size_t i)
{
	if (!(i = digits(s, len, i, 2)) || i >= len || s[i] != ':' ||
	    !(i = digits(s, len, i + 1, 2)) || i >= len || s[i] != ':' ||
	    !(i = digits(s, len, i + 1, 2)))
		return 0;
	if (i < len && (s[i] == '.' || s[i] == ',') && i + 1 < len && dig(s[i + 1])) {
		i++;
		while (i < len && dig(s[i]))
			i++;
	}
	return i;
}

/*
 * After a date and time ending at i, Go's time.Time layout's zone
 * (" +0000 UTC", " -0700 MST": an offset, then its name or not) or a
 * bare " UTC" or " GMT": the index after it, else i.  A zone's name
 * counts only after an offset: "10:00:00 ERROR" is a level.
 */
static size_t zone(const char *s, size_t len, size_t i)
{
	size_t j, k;

	if (len - i >= 4 && (memcmp(s + i, " UTC", 4) == 0 ||
			     memcmp(s + i, " GMT", 4) == 0) &&
	    (i + 4 == len || s[i + 4] == ' '))
		return i + 4;
	if (len - i < 6 || s[i] != ' ' || (s[i + 1] != '+' && s[i + 1] != '-') ||
	    !digits(s, len, i + 2, 4) || (i + 6 < len && s[i + 6] != ' '))
		return i;
	j = i + 6;
	for (k = j + 1; k < len && k < j + 7 && s[k] >= 'A' && s[k] <= 'Z'; k++)
		;
	if (j < len && k >= j + 4 && (k == len || s[k] == ' '))
		return k;
	return j;
}

/* An ISO 8601 date and time at s[i] (or a bare clock time when bare is
 * set): the index after it, or 0. */
static size_t iso_time(const char *s, size_t len, size_t i, bool bare)
{
	size_t j;
	/* Go's log package writes the date with slashes */
	char sep = len - i > 4 ? s[i + 4] : 0;

	if ((sep == '-' || sep == '/') &&
	    (j = digits(s, len, i, 4)) && j < len && s[j] == sep &&
	    (j = digits(s, len, j + 1, 2)) && j < len && s[j] == sep &&
	    (j = digits(s, len, j + 1, 2)) && j < len &&
	    (s[j] == 'T' || s[j] == ' ') && (j = clock_time(s, len, j + 1))) {
		if (j < len && s[j] == 'Z')
			return j + 1;
		if (j < len && (s[j] == '+' || s[j] == '-') &&
		    digits(s, len, j + 1, 2)) {
			j += 3;
			if (j < len && s[j] == ':')
				j++;
			if (digits(s, len, j, 2))
				j += 2;
			return j;
		}
		return zone(s, len, j);
	}
	return bare ? clock_time(s, len, i) : 0;
}

/*
 * Ruby's Logger: "E, [2024-05-01T10:00:00.123456 #1234] ERROR -- app: "
 * (the severity's letter, the time and pid, the severity padded, the
 * program's name, empty or not): the index after it, or 0.
 */
static size_t ruby_logger(const char *s, size_t len, size_t i)
{
	size_t j, k;

	if (len - i < 40 || !strchr("DIWEFAU", s[i]) || s[i] == 0 ||
	    memcmp(s + i + 1, ", [", 3) != 0 ||
	    !(j = iso_time(s, len, i + 4, false)) || len - j < 4 ||
	    s[j] != ' ' || s[j + 1] != '#' || !dig(s[j + 2]))
		return 0;
	for (j += 2; j < len && dig(s[j]); j++)
		;
	if (j + 1 >= len || s[j] != ']' || s[j + 1] != ' ')
		return 0;
	for (j++; j < len && s[j] == ' '; j++)
		;
	for (k = j; k < len && s[k] >= 'A' && s[k] <= 'Z'; k++)
		;
	if (k == j || len - k < 4 || memcmp(s + k, " -- ", 4) != 0)
		return 0;
	for (k += 4; k < len && s[k] != ':' && s[k] != ' '; k++)
		;
	return k + 1 < len && s[k] == ':' && s[k + 1] == ' ' ? k + 2 : 0;
}

/* After a prefix ending at i: the space or tab that ends it (or the
 * line's end; Cloudflare Pages puts a tab after its time). */
static size_t end_space(const char *s, size_t len, size_t i)
{
	if (i == len)
		return i;
	return s[i] == ' ' || s[i] == '\t' ? i + 1 : 0;
}

/* Netlify's deploy log, a 12-hour clock: "7:51:34 PM: " at s[i]: the
 * index after it, or 0. */
static size_t ampm_time(const char *s, size_t len, size_t i)
{
	size_t j = i + 1;

	if (j < len && dig(s[j]))
		j++;
	if (j >= len || s[j] != ':' || !(j = digits(s, len, j + 1, 2)) ||
	    j >= len || s[j] != ':' || !(j = digits(s, len, j + 1, 2)) ||
	    len - j < 4 || s[j] != ' ' || (s[j + 1] != 'A' && s[j + 1] != 'P') ||
	    s[j + 2] != 'M' || s[j + 3] != ':')
		return 0;
	return end_space(s, len, j + 4);
}

/* GitLab's "01O " (after its time): the index after it, or i. */
static size_t gitlab_stream(const char *s, size_t len, size_t i)
{
	size_t j = i;

	for (; j < i + 2; j++)
		if (j >= len || !((s[j] >= '0' && s[j] <= '9') ||
				  (s[j] >= 'a' && s[j] <= 'f')))
			return i;
	if (j >= len || (s[j] != 'O' && s[j] != 'E'))
		return i;
	j++;
	if (j < len && s[j] == '+')
		j++;
	return end_space(s, len, j) ? end_space(s, len, j) : i;
}

/*
 * An elapsed time in brackets, from s[i] (after the "["): "   28s]" (the
 * Open Build Service), "    1.234567]" (the kernel's), a number with a
 * fraction or an "s": the index after the "]", or 0.
 */
static size_t elapsed(const char *s, size_t len, size_t i)
{
	size_t j = i;
	bool frac = false;

	while (j < len && s[j] == ' ')
		j++;
	if (!digits(s, len, j, 1))
		return 0;
	while (j < len && dig(s[j]))
		j++;
	if (j + 1 < len && s[j] == '.' && dig(s[j + 1])) {
		frac = true;
		for (j++; j < len && dig(s[j]); j++)
			;
	}
	if (j < len && s[j] == 's') {
		frac = true;
		j++;
	}
	return frac && j < len && s[j] == ']' ? j + 1 : 0;
}

/*
 * flutter -v's timing before each line: "[ +890 ms] ", "[   +3 ms] ",
 * "[+1234 ms] " (the time since the last line, right-aligned in eight
 * columns), or eight blanks in the brackets for a line printed at once:
 * the index after the blank that follows, or 0.  i is at the '['.
 */
static size_t flutter_timing(const char *s, size_t len, size_t i)
{
	size_t j = i + 1;

	if (len - i < 11 || s[i + 9] != ']' || s[i + 10] != ' ')
		return 0;
	while (j < i + 9 && s[j] == ' ')
		j++;
	if (j == i + 9)
		return i + 11;
	if (s[j] != '+' || !dig(s[j + 1]))
		return 0;
	for (j++; j < i + 9 && dig(s[j]); j++)
		;
	return j + 3 == i + 9 && memcmp(s + j, " ms", 3) == 0 ? i + 11 : 0;
}

/*
 * Dagger's plain progress before a step's output: its number, blanks, a
 * colon, the blanks of the step's depth, its elapsed time and a bar
 * ("4   :       [1.2s] | "): the index after the bar's blank, or 0.
 */
static size_t dagger_step(const char *s, size_t len, size_t i)
{
	size_t j = i;

	while (j < len && j < i + 12 && dig(s[j]))
		j++;
	if (j == i || j >= len || s[j] != ' ')
		return 0;
	while (j < len && s[j] == ' ')
		j++;
	if (j + 1 >= len || s[j] != ':' || s[j + 1] != ' ')
		return 0;
	while (j + 1 < len && s[j + 1] == ' ')
		j++;
	if (++j >= len || s[j] != '[' || !(j = elapsed(s, len, j + 1)))
		return 0;
	if (len - j < 2 || s[j] != ' ' || s[j + 1] != '|')
		return 0;
	return end_space(s, len, j + 2);
}

static bool tag_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || dig(c) ||
	       c == '_' || c == '-' || c == '.';
}

/*
 * syslog's and journalctl's "Jul  6 15:19:10 host prog[123]: " (the
 * program's pid optional): the index after it, or 0.
 */
/*
 * A log line's program and its optional pid after the blank at s[i]
 * ("make[123]: "): the index after them, or 0.
 */
static size_t program_tag(const char *s, size_t len, size_t i)
{
	size_t k;

	for (k = i; k < len && (tag_char(s[k]) || s[k] == '/' || s[k] == '@'); k++)
		;
	if (k == i)
		return 0;
	if (k < len && s[k] == '[') {
		if (!(k = digits(s, len, k + 1, 1)))
			return 0;
		while (k < len && dig(s[k]))
			k++;
		if (k >= len || s[k] != ']')
			return 0;
		k++;
	}
	return k + 1 < len && s[k] == ':' && s[k + 1] == ' ' ? k + 2 : 0;
}

/*
 * syslog's "Jul  6 15:19:10 " (the day padded to two places), its month
 * named in the locale journalctl ran in ("oct. 16 ", "Okt 16 ", "févr. 3 ":
 * two to five letters, a dot after them or not; "10月 06 ": a number and
 * the word for month): the index after it, or 0.
 */
static size_t syslog_time(const char *s, size_t len, size_t i)
{
	size_t j, letters = 0;

	if (len - i < 16)
		return 0;
	if (dig(s[i])) {
		/* Chinese's and Japanese's "10月 06 ", Korean's "10월 06 " */
		j = dig(s[i + 1]) ? i + 2 : i + 1;
		if (memcmp(s + j, "\xe6\x9c\x88", 3) != 0 &&
		    memcmp(s + j, "\xec\x9b\x94", 3) != 0)
			return 0;
		j += 3;
	} else {
		for (j = i; j < len && j - i < 10; j++) {
			unsigned char c = (unsigned char)s[j];

			if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
				letters++;
			else if (c < 0x80)
				break;
			else if ((c & 0xc0) != 0x80)
				letters++; /* a character's first byte */
		}
		if (letters < 2 || letters > 5 || j >= len)
			return 0;
		if (s[j] == '.')
			j++;
	}
	if (j + 1 >= len || s[j] != ' ')
		return 0;
	j++;
	if (s[j] == ' ')
		j++;
	if (!(j = digits(s, len, j,
			 s[j - 1] == ' ' && s[j - 2] == ' ' ? 1 : 2)) ||
	    j >= len || s[j] != ' ' || !(j = clock_time(s, len, j + 1)) ||
	    j >= len || s[j] != ' ')
		return 0;
	return j + 1;
}

static size_t syslog_prefix(const char *s, size_t len, size_t i)
{
	size_t j, k;

	if (len - i < 20 || !(j = syslog_time(s, len, i)))
		return 0;
	/* the host */
	for (k = j; k < len && tag_char(s[k]); k++)
		;
	if (k == j || k >= len || s[k] != ' ')
		return 0;
	return program_tag(s, len, k + 1);
}

/*
 * BusyBox's and OpenWrt's logread: "Sat Apr 29 15:48:23 2023 daemon.err
 * nginx_init: " (the weekday, the year after the time, the facility and
 * level, the program and its optional "[pid]"): the index after it, or 0.
 */
static size_t logread_prefix(const char *s, size_t len, size_t i)
{
	static const char days[] = "MonTueWedThuFriSatSun";
	size_t j, k, d;

	if (len - i < 32 || s[i] < 'F' || s[i] > 'W' || s[i + 3] != ' ')
		return 0;
	for (d = 0; d < 7; d++)
		if (memcmp(s + i, days + 3 * d, 3) == 0)
			break;
	if (d == 7 || !(j = syslog_time(s, len, i + 4)) || j + 5 >= len ||
	    !(j = digits(s, len, j, 4)) || j >= len || s[j] != ' ')
		return 0;
	/* facility.level */
	for (k = ++j; k < len && s[k] >= 'a' && s[k] <= 'z'; k++)
		;
	if (k == j || k >= len || s[k] != '.')
		return 0;
	for (j = ++k; k < len && s[k] >= 'a' && s[k] <= 'z'; k++)
		;
	if (k == j || k >= len || s[k] != ' ')
		return 0;
	return program_tag(s, len, k + 1);
}

/* The length of the first of the words w[0, nw) that s[i, len) starts
 * with (more follows it), or 0. */
static size_t word_at(const char *s, size_t len, size_t i, const char *const *w,
		      size_t nw)
{
	size_t k, n;

	for (k = 0; k < nw; k++) {
		n = strlen(w[k]);
		if (len - i > n && memcmp(s + i, w[k], n) == 0)
			return n;
	}
	return 0;
}

/*
 * MacPorts' main.log: every line a level and the phase that wrote it,
 * ":info:build ", ":debug:configure ", ":error:build " (the phase a
 * lowercase word): the index after it, or 0.
 */
static size_t macports_prefix(const char *s, size_t len, size_t i)
{
	static const char *const levels[] = {
		":info:", ":debug:", ":msg:", ":error:", ":warn:", ":notice:",
	};
	size_t j, k;

	if (s[i] != ':' || !(j = word_at(s, len, i, levels,
					 sizeof(levels) / sizeof(levels[0]))))
		return 0;
	j += i;
	for (k = j; k < len && s[k] >= 'a' && s[k] <= 'z'; k++)
		;
	if (k == j || k - j > 16 || (k < len && s[k] != ' '))
		return 0;
	return k < len ? k + 1 : k;
}

/*
 * mock's (Fedora's and koji's package builds) logging before the build's
 * own lines: "DEBUG util.py:585:  BUILDSTDERR:  " (the level, the Python
 * module and line that logged, the stream's mark for stderr): the index
 * after it, or 0.
 */
static size_t mock_prefix(const char *s, size_t len, size_t i)
{
	static const char *const levels[] = { "DEBUG ", "INFO " };
	size_t j, k;

	/* not WARNING and ERROR: "ERROR app.py:12: message" may be a
	 * tool's own line, its place the record's */
	if (!(j = word_at(s, len, i, levels, 2)))
		return 0;
	j += i;
	for (k = j; k < len && (tag_char(s[k]) && s[k] != '.'); k++)
		;
	if (k == j || len - k < 6 || memcmp(s + k, ".py:", 4) != 0 || !dig(s[k + 4]))
		return 0;
	for (k += 4; k < len && dig(s[k]); k++)
		;
	/* two blanks after the logger's place and after the stream's mark:
	 * more are the line's own */
	if (len - k < 3 || memcmp(s + k, ":  ", 3) != 0)
		return 0;
	k += 3;
	if (len - k > 14 && memcmp(s + k, "BUILDSTDERR:  ", 14) == 0)
		k += 14;
	return k;
}

/*
 * The job's and the step's names, each ended by a tab, that "gh run view
 * --log" puts before GitHub's time stamp: the index after them, or 0.
 */
static size_t gh_log_fields(const char *s, size_t len, size_t i)
{
	const char *t1, *t2;
	size_t n = len - i < 512 ? len - i : 512;

	if (!(t1 = memchr(s + i, '\t', n)) || t1 == s + i)
		return 0;
	n -= (size_t)(t1 + 1 - (s + i));
	if (!(t2 = memchr(t1 + 1, '\t', n)) || t2 == t1 + 1)
		return 0;
	i = (size_t)(t2 + 1 - s);
	return iso_time(s, len, i, false) ? i : 0;
}

/*
 * A date and time in brackets in another layout, from s[i] (after the
 * "["): PHP's error log "23-Oct-2018 23:30:43 UTC]" (or a zone's name,
 * "America/Los_Angeles"), Apache's "Wed Oct 11 14:32:52.123456 2000]", a
 * web server's "01/May/2024:10:00:00 +0000]": up to 64 bytes of digits,
 * letters, blanks and "-/:.,+_" that hold a clock time, then "]": the
 * index after the "]", or 0.  The clock time keeps a tool's own bracketed
 * words ("[ERROR]", "[tsl]", "[build 5/7]") from being taken.
 */
static size_t bracket_datetime(const char *s, size_t len, size_t i)
{
	size_t j, end = len - i > 64 ? i + 64 : len;
	bool clock = false;

	for (j = i; j < end && s[j] != ']'; j++) {
		char c = s[j];

		if (!clock && dig(c) && (j == i || !dig(s[j - 1])) &&
		    clock_time(s, len, j))
			clock = true;
		if (!(tag_char(c) || c == ' ' || c == '/' || c == ':' || c == ',' ||
		      c == '+'))
			return 0;
	}
	return clock && j < end ? j + 1 : 0;
}

/* Whether s[0, n) is digits only. */
static bool all_digits(const char *s, size_t n)
{
	while (n && dig(*s)) {
		s++;
		n--;
	}
	return n == 0;
}

/*
 * GitHub's web log shows a workflow command's annotation ("::notice::a.sh:
 * 3:1: note: ...") as "Notice: " (or "Warning: ", "Error: ") before its
 * text: a prefix when what follows is a tool's "PATH:LINE" (its first
 * word), not a message of its own ("Error: Cannot find module").  The
 * index after it, or 0.
 */
static size_t annotation_word(const char *s, size_t len, size_t i)
{
	static const char *const w[] = { "Notice: ", "Warning: ", "Error: " };
	size_t j, n = word_at(s, len, i, w, sizeof(w) / sizeof(w[0]));

	if (!n)
		return 0;
	/* the first word is a path (not only digits: eslint's "Error: 2:1"
	 * row) with ":N" followed by ':' or its end */
	for (j = i + n; j < len && s[j] != ' '; j++)
		if (s[j] == ':' && j + 1 < len && dig(s[j + 1]) && j > i + n &&
		    !all_digits(s + i + n, j - i - n)) {
			size_t e = j + 1;

			while (e < len && dig(s[e]))
				e++;
			if (e < len && (s[e] == ':' || s[e] == ' '))
				return i + n;
		}
	return 0;
}

/* Whether s (a field's value on) is a log level's (logrus', zap's): 1, 2
 * for error, fatal and panic, or 0. */
static int level_value(const char *s, size_t n)
{
	static const char *const w[] = {
		"error", "fatal", "panic", "trace", "debug", "info", "warning", "warn",
	};
	size_t i, l;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		l = strlen(w[i]);
		if (n > l && strncasecmp(s, w[i], l) == 0 && s[l] == ' ')
			return i < 3 ? 2 : 1;
	}
	return 0;
}

/*
 * A logfmt record's fields before its message at s[i] (Go's logrus, as
 * terragrunt, docker and gitlab-runner log a program's output:
 * 'time="2021-02-10T22:01:26Z" level=error binary=terraform msg="'): from
 * a "time=" or "level=" field, key=value fields (a value bare or quoted),
 * up to and with the opening quote of "msg=": the index after it, the
 * line's end when the record has no message (an empty line of the
 * program's), or 0.  Not a record at level error, fatal or panic: the
 * program's own error, which its whole line says (ci.json's
 * logfmt-error).  The message's closing quote and escapes are the
 * engine's (heal_detect_logfmt_msg).
 */
static size_t logfmt(const char *s, size_t len, size_t i)
{
	size_t j = i, k, fields = 0;
	int level = 0;

	if (!((len - i > 5 && memcmp(s + i, "time=", 5) == 0) ||
	      (len - i > 6 && memcmp(s + i, "level=", 6) == 0)))
		return 0;
	for (;;) {
		k = j;
		while (k < len && (isalnum((unsigned char)s[k]) || s[k] == '_' ||
				   s[k] == '.' || s[k] == '-'))
			k++;
		if (k == j || k >= len || s[k] != '=')
			return 0;
		if (k - j == 3 && memcmp(s + j, "msg", 3) == 0 && k + 1 < len &&
		    s[k + 1] == '"')
			return level < 2 && (fields >= 2 || (fields == 1 && level)) ?
			       k + 2 : 0;
		if (k - j == 5 && memcmp(s + j, "level", 5) == 0)
			level = level_value(s + k + 1, len - k - 1);
		j = k + 1;
		if (j < len && s[j] == '"') {
			for (j++; j < len && s[j] != '"'; j++)
				if (s[j] == '\\')
					j++;
			if (j >= len)
				return 0;
			j++;
		} else {
			while (j < len && s[j] != ' ' && s[j] != '"')
				j++;
		}
		fields++;
		if (j == len)
			return fields >= 2 ? len : 0;
		if (s[j] != ' ')
			return 0;
		while (j < len && s[j] == ' ')
			j++;
		if (j == len)
			return fields >= 2 ? len : 0;
	}
}

size_t heal_detect_logfmt_msg(char *s, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len && s[i] != '"'; i++) {
		if (s[i] == '\\' && i + 1 < len) {
			i++;
			s[o++] = s[i] == 'n' || s[i] == 't' ? ' ' : s[i];
			continue;
		}
		s[o++] = s[i];
	}
	return o;
}

/* Gradle's logging of a level and its logger at s[i] ("[ERROR]
 * [org.gradle.BuildExceptionReporter] "): the index after it, or 0. */
static size_t gradle_logger(const char *s, size_t len, size_t i)
{
	static const char *const lv[] = { "[ERROR] [", "[WARN] [", "[INFO] [",
					   "[DEBUG] [", "[LIFECYCLE] [", "[QUIET] [" };
	size_t n = word_at(s, len, i, lv, sizeof(lv) / sizeof(lv[0])), j;

	if (!n)
		return 0;
	/* a logger's dotted class name */
	for (j = i + n; j < len && j - i < 200 && s[j] != ']'; j++)
		if (!((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
		      dig(s[j]) || s[j] == '.' || s[j] == '_' || s[j] == '$'))
			return 0;
	if (j >= len || s[j] != ']' || !memchr(s + i + n, '.', j - i - n))
		return 0;
	return j + 1 < len && s[j + 1] == ' ' ? j + 2 : j + 1;
}

/* Ant's task name, right-aligned to twelve columns ("    [javac] ",
 * "     [java] ", "[checkstyle] "): the index after it, or 0. */
static size_t ant_task(const char *s, size_t len, size_t i)
{
	size_t j = i, e;

	while (j < len && j - i < 11 && s[j] == ' ')
		j++;
	if (j >= len || s[j] != '[')
		return 0;
	for (e = j + 1; e < len && s[e] >= 'a' && s[e] <= 'z'; e++)
		;
	if (e == j + 1 || e + 1 >= len || s[e] != ']' || s[e + 1] != ' ')
		return 0;
	/* the name and its brackets and blank fill twelve columns, or more
	 * with no blank before them */
	if (e + 2 - i != 12 && !(j == i && e + 2 - i > 12))
		return 0;
	return e + 2;
}

/*
 * Ray's tag on a worker's or an actor's output: "(pid=28048) ",
 * "(main_task pid=28048) ", "(Trainer pid=51, ip=10.0.0.3) ".  Its
 * length from i, or 0.
 */
static size_t ray_worker(const char *s, size_t len, size_t i)
{
	size_t j = i + 1, e = len - i > 160 ? i + 160 : len;

	if (e - j < 4 || memcmp(s + j, "pid=", 4) != 0)
		while (j < e && (tag_char(s[j]) || s[j] == ':'))
			j++;
	if (j > i + 1) {
		if (j >= e || s[j] != ' ')
			return 0;
		j++;
	}
	if (e - j < 5 || memcmp(s + j, "pid=", 4) != 0 || !dig(s[j + 4]))
		return 0;
	for (j += 4; j < e && dig(s[j]); j++)
		;
	if (e - j > 5 && memcmp(s + j, ", ip=", 5) == 0)
		for (j += 5;
		     j < e && (dig(s[j]) || s[j] == '.' || s[j] == ':' ||
			       (s[j] >= 'a' && s[j] <= 'f'));
		     j++)
			;
	if (j >= e || s[j] != ')')
		return 0;
	return end_space(s, len, j + 1);
}

/* One prefix at s[i]: the index after it, or 0. */
static size_t one_prefix(const char *s, size_t len, size_t i)
{
	size_t j, k, b;
	bool numbered;

	if (i >= len)
		return 0;
	if (dig(s[i]) && (j = iso_time(s, len, i, false)) && (j = end_space(s, len, j)))
		return gitlab_stream(s, len, j);
	/* a bare clock time: a script's "21:29:20 ", Jenkins' timestamper's
	 * "21:29:20  " (two blanks: both go when a word follows them, one
	 * when more blanks do, which may be the line's own indentation) */
	if (dig(s[i]) && (j = clock_time(s, len, i)) && j < len &&
	    s[j] == ' ') {
		if (j + 1 < len && s[j + 1] == ' ' &&
		    (j + 2 == len || s[j + 2] != ' '))
			return j + 2;
		return j + 1;
	}
	if ((j = logfmt(s, len, i)) || (j = ruby_logger(s, len, i)))
		return j;
	if (dig(s[i]) && ((j = dagger_step(s, len, i)) || (j = ampm_time(s, len, i))))
		return j;
	if ((j = syslog_prefix(s, len, i)) || (j = logread_prefix(s, len, i)) ||
	    (j = mock_prefix(s, len, i)) || (j = macports_prefix(s, len, i)) ||
	    (j = annotation_word(s, len, i)) || (j = ant_task(s, len, i)))
		return j;
	switch (s[i]) {
	case '(':
		if ((j = ray_worker(s, len, i)))
			return j;
		/* Bazel's --show_timestamps: "(04:11:13) " */
		if ((j = clock_time(s, len, i + 1)) && j + 1 < len && s[j] == ')' &&
		    s[j + 1] == ' ')
			return j + 2;
		break;
	case '[':
		/* TeamCity's "[10:51:35]" may have no space after it, and its
		 * step's name in brackets may follow: "[10:51:35][npm] ";
		 * fastlane's has a colon: "[14:38:42]: " */
		if ((j = iso_time(s, len, i + 1, true)) && j < len && s[j] == ']') {
			const char *e;

			j++;
			if (j < len && s[j] == '[' &&
			    (e = memchr(s + j, ']', len - j < 200 ? len - j : 200)) &&
			    (k = (size_t)(e - s) + 1) < len && s[k] == ' ')
				return k + 1;
			if (j + 1 < len && s[j] == ':' && s[j + 1] == ' ')
				return j + 2;
			return j < len && s[j] == ' ' ? j + 1 : j;
		}
		if ((j = elapsed(s, len, i + 1)))
			return end_space(s, len, j);
		if ((j = flutter_timing(s, len, i)))
			return j;
		if ((j = bracket_datetime(s, len, i + 1)))
			return end_space(s, len, j);
		if (len - i >= 11 && memcmp(s + i, "[Pipeline] ", 11) == 0)
			return i + 11;
		/* Gradle's --info and --debug log: "[ERROR] [org.gradle.X] " */
		if ((j = gradle_logger(s, len, i)))
			return j;
		if (len - i > 6 && memcmp(s + i, "[pod/", 5) == 0) {
			for (j = i + 5; j < len && s[j] != ']' && s[j] != ' '; j++)
				;
			return j < len && s[j] == ']' ? end_space(s, len, j + 1) : 0;
		}
		/* act: "[Workflow/job]   | " */
		for (j = i + 1; j < len && j < i + 200 && s[j] != ']'; j++)
			;
		if (j < len && s[j] == ']' && memchr(s + i, '/', j - i)) {
			k = j + 1;
			while (k < len && s[k] == ' ')
				k++;
			if (k > j + 1 && k < len && s[k] == '|')
				return end_space(s, len, k + 1);
		}
		return 0;
	case '#':
		/* Azure Pipelines' and GitHub's "##[error]", "##[group]" */
		if (len - i > 4 && s[i + 1] == '#' && s[i + 2] == '[') {
			for (j = i + 3; j < len && s[j] >= 'a' && s[j] <= 'z'; j++)
				;
			if (j == i + 3 || j >= len || s[j] != ']')
				return 0;
			return j + 1 < len && s[j + 1] == ' ' ? j + 2 : j + 1;
		}
		/* BuildKit: "#12 3.456 " */
		if (!(j = digits(s, len, i + 1, 1)))
			return 0;
		while (j < len && dig(s[j]))
			j++;
		if (j >= len || s[j] != ' ' || !dig(s[j + 1 < len ? j + 1 : j]))
			return 0;
		j++;
		while (j < len && dig(s[j]))
			j++;
		if (j >= len || s[j] != '.' || !(k = digits(s, len, j + 1, 1)))
			return 0;
		while (k < len && dig(s[k]))
			k++;
		return end_space(s, len, k);
	case 'n':
		/* TAP's failed test whose description is a linter's finding
		 * ("not ok 2\tsrc/t.sh:3:4: error: ...", "not ok 2 - f.c:3:
		 * ..."): the number and the blanks after it, when a file and
		 * its line follow (a test's own name stays: bats.json reads
		 * it) */
		if (len - i > 8 && memcmp(s + i, "not ok ", 7) == 0 && dig(s[i + 7])) {
			for (j = i + 7; j < len && dig(s[j]); j++)
				;
			if (len - j > 3 && memcmp(s + j, " - ", 3) == 0)
				j += 2;
			if (j >= len || (s[j] != ' ' && s[j] != '\t'))
				break;
			while (j < len && (s[j] == ' ' || s[j] == '\t'))
				j++;
			for (k = j; k < len && (isalnum((unsigned char)s[k]) ||
						strchr("/._-", s[k])); k++)
				;
			if (k > j && k + 1 < len && s[k] == ':' && dig(s[k + 1]))
				return j;
		}
		break;
	case 'C':
		/* the Android Gradle plugin's native build: "C/C++: " before
		 * CMake's and the compiler's lines */
		if (len - i > 7 && memcmp(s + i, "C/C++: ", 7) == 0)
			return i + 7;
		return 0;
	case 'S':
		/* Cloud Build: 'Step #2 - "build": ' or 'Step #2: ' */
		if (len - i < 8 || memcmp(s + i, "Step #", 6) != 0 ||
		    !(j = digits(s, len, i + 6, 1)))
			return 0;
		while (j < len && dig(s[j]))
			j++;
		if (len - j > 4 && memcmp(s + j, " - \"", 4) == 0) {
			const char *q = memchr(s + j + 4, '"', len - j - 4);

			if (!q)
				return 0;
			j = (size_t)(q - s) + 1;
		}
		if (j < len && s[j] == ':')
			return end_space(s, len, j + 1);
		return 0;
	default:
		break;
	}
	/* gh run view --log: "job<TAB>step<TAB>" before GitHub's time */
	if ((j = gh_log_fields(s, len, i)))
		return j;
	/* docker compose: "web_1  | ", "web-1  | ", "web   | " */
	if (!tag_char(s[i]) || s[i] == '-' || s[i] == '.')
		return 0;
	for (j = i; j < len && j < i + 64 && tag_char(s[j]); j++)
		;
	/* nix build -L: "hello-2.12> " (a derivation's name) */
	if (j + 1 < len && s[j] == '>' && s[j + 1] == ' ' && j - i >= 2 &&
	    ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
		return j + 2;
	k = j;
	while (k > i && dig(s[k - 1]))
		k--;
	numbered = !(k == j || k <= i + 1 || (s[k - 1] != '_' && s[k - 1] != '-'));
	for (b = j; j < len && s[j] == ' '; j++)
		;
	/* a service's name without its number (compose v2's "netbox    | "):
	 * padded with two blanks or more, as compose pads the shorter names;
	 * one is a table's column ("col | value") */
	if (j >= len || s[j] != '|' || j == b || (!numbered && j - b < 2))
		return 0;
	return end_space(s, len, j + 1);
}

/* A pager's line number gutter at a line's start: blanks, digits, blanks
 * and a bar ("│" or "|") and a blank.  Its length, or 0. */
static size_t gutter(const char *s, size_t len)
{
	size_t i = 0, d0;

	while (i < len && i < 8 && s[i] == ' ')
		i++;
	for (d0 = i; i < len && dig(s[i]); i++)
		;
	if (i == d0 || i - d0 > 7)
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	if (i + 3 < len && memcmp(s + i, "\xe2\x94\x82 ", 4) == 0)
		return i + 4;
	if (i + 1 < len && s[i] == '|' && s[i + 1] == ' ')
		return i + 2;
	return 0;
}

/* Digits at a line's start glued to a box's bar, side or corner ("│",
 * "╷", "╵"): their length, or 0. */
static size_t glued_number(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && i < 8 && dig(s[i]))
		i++;
	if (i == 0 || i > 7 || i + 2 >= len || (unsigned char)s[i] != 0xe2)
		return 0;
	if (((unsigned char)s[i + 1] == 0x94 && (unsigned char)s[i + 2] == 0x82) ||
	    ((unsigned char)s[i + 1] == 0x95 &&
	     ((unsigned char)s[i + 2] == 0xb7 || (unsigned char)s[i + 2] == 0xb5)))
		return i;
	return 0;
}

/* A log level's or a result's word in brackets: no process's name. */
static bool level_word(const char *s, size_t n)
{
	static const char *const w[] = {
		"error", "err", "warn", "warning", "info", "information", "debug",
		"dbg", "trace", "fatal", "fatal error", "critical", "crit", "notice",
		"note", "ok", "fail", "failed", "failure", "pass", "passed",
		"success", "skip", "skipped", "verbose", "log", "alert", "emerg",
		"todo", "done", "hint", "tip", "x", "severe", "config", "fine",
		"tsl",
	};
	size_t k;

	for (k = 0; k < sizeof(w) / sizeof(w[0]); k++)
		if (strlen(w[k]) == n && strncasecmp(s, w[k], n) == 0)
			return true;
	return false;
}

/*
 * A bracketed name at s[i]: a Jenkins parallel branch's "[Services] ",
 * concurrently's "[0] " or "[server] " (letters, digits, "_-." and inner
 * blanks; not a log level's "[INFO]", a counter's "[1/10]" or a time).
 * Its length with the "] ", or 0.
 */
static size_t name_tag(const char *s, size_t len, size_t i)
{
	size_t j;

	if (i >= len || s[i] != '[')
		return 0;
	for (j = i + 1; j < len && j - i < HEAL_DETECT_TAG_MAX - 2; j++) {
		const char c = s[j];

		if (c == ']')
			break;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || dig(c) ||
		      c == '_' || c == '-' || c == '.' || (c == ' ' && j > i + 1)))
			return 0;
	}
	if (j >= len || s[j] != ']' || j == i + 1 || s[j - 1] == ' ' ||
	    j + 1 >= len || s[j + 1] != ' ' || level_word(s + i + 1, j - i - 1))
		return 0;
	return j + 2 - i;
}

size_t heal_detect_name_tag(const char *s, size_t len)
{
	return name_tag(s, len, 0);
}

/* Whether s[i, j) is a package's or a task's name: letters, digits and
 * "_-./", a letter among them, no "/" first; an npm scope's "@" only
 * first; not a log level's word (checked last: the dearest). */
static bool runner_word(const char *s, size_t i, size_t j)
{
	bool letter = false;
	size_t k;

	if (j <= i || s[i] == '/')
		return false;
	for (k = i; k < j; k++) {
		const char c = s[k];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			letter = true;
		else if (!(dig(c) || c == '_' || c == '-' || c == '.' ||
			   c == '/' || (c == '@' && k == i)))
			return false;
	}
	return letter && !level_word(s + i, j - i);
}

/* turbo's "web:build: " (s[i, k) the names with their ':'s, k at ": "),
 * lerna's "@acme/core: ": the tag's length, or 0 */
static size_t runner_colon_tag(const char *s, size_t i, size_t k)
{
	size_t parts[3], np = 0, q, e;
	const char *sl;

	parts[np++] = i;
	for (q = i; q < k; q++)
		if (s[q] == ':') {
			if (np == 3)
				return 0;
			parts[np++] = q + 1;
		}
	if (np == 1) {
		/* lerna: a scoped package alone (an unscoped one's name
		 * alone is any tool's "make: ") */
		sl = memchr(s + i, '/', k - i);
		if (s[i] != '@' || !sl || sl == s + i + 1 || sl == s + k - 1 ||
		    memchr(sl + 1, '/', (size_t)(s + k - sl - 1)) ||
		    !runner_word(s, i, k))
			return 0;
		return k + 2 - i;
	}
	/* the package longer than a drive's letter */
	if (parts[1] - 1 - i < 2)
		return 0;
	/* not a file's name and a function's ("app.py:main: ") */
	for (e = parts[1] - 1; e > i && s[e - 1] != '.' && parts[1] - 1 - e < 6;
	     e--)
		;
	if (e > i && s[e - 1] == '.' && e < parts[1] - 1 && s[i] != '@')
		return 0;
	for (q = 0; q < np; q++)
		if (!runner_word(s, parts[q],
				 q + 1 < np ? parts[q + 1] - 1 : k))
			return 0;
	return k + 2 - i;
}

/*
 * A monorepo's task runner's tag at s[i] (heal_detect_runner_tag): its
 * length with the blank after it, or 0.
 *   turbo      "web:build: ", "@acme/ui:test:unit: ": a package and a task,
 *              two or three names joined by ":" (no number: not a file's
 *              "main.go:12: "; the package longer than a drive's letter,
 *              and no file's name: "app.py:main: ")
 *   lerna      "@acme/core: " (a scoped package)
 *   pnpm -r    "packages/core build: ", "@acme/core build: " and the
 *              command's "... build$ ": a directory ("." or with a "/",
 *              its last part no file's name) or a scoped package, and a
 *              script
 *   yarn       "[@acme/core]: " (workspaces foreach)
 * The first word's shape decides before any name is looked at: most lines
 * are none of these.
 */
size_t heal_detect_runner_tag(const char *s, size_t len, size_t i)
{
	const char *e;
	size_t k, w, last = 0;
	bool slash = false;

	if (i >= len)
		return 0;
	if (s[i] == '[') {
		for (k = i + 1;
		     k < len && s[k] != ']' && k - i < RUNNER_TAG_MAX; k++)
			;
		if (k + 2 < len && s[k] == ']' && s[k + 1] == ':' &&
		    s[k + 2] == ' ' && runner_word(s, i + 1, k))
			return k + 3 - i;
		return 0;
	}
	/* the first word, of names' characters, ':', '/' and '@', at most
	 * RUNNER_TAG_MAX of them and a blank after it (most lines stop at
	 * its shape: a word not ending in ':' and without a '/') */
	e = memchr(s + i, ' ', len - i < RUNNER_TAG_MAX + 1 ? len - i
							 : RUNNER_TAG_MAX + 1);
	if (!e || e == s + i)
		return 0;
	k = (size_t)(e - s);
	if (s[k - 1] != ':' && !(k == i + 1 && s[i] == '.') &&
	    !memchr(s + i, '/', k - i))
		return 0;
	for (w = i; w < k; w++) {
		const unsigned char c = (unsigned char)s[w];

		if (!(tag_char((char)c) || c == ':' || c == '/' || c == '@'))
			return 0;
		if (c == '/') {
			slash = true;
			last = w + 1;
		}
	}
	if (s[k - 1] == ':')
		return k - 1 > i ? runner_colon_tag(s, i, k - 1) : 0;
	/* pnpm: a directory, a blank, a script, then ": " or "$ " */
	if (!(k == i + 1 && s[i] == '.') &&
	    (!slash || last == k || memchr(s + last, '.', k - last) ||
	     memchr(s + i, ':', k - i) || !runner_word(s, i, k)))
		return 0;
	w = k;
	for (k = w + 1; k < len && k - i < RUNNER_TAG_MAX && s[k] != ' ' &&
			s[k] != ':' && s[k] != '$';
	     k++)
		;
	if (k + 1 < len && (s[k] == ':' || s[k] == '$') && s[k + 1] == ' ' &&
	    runner_word(s, w + 1, k))
		return k + 2 - i;
	return 0;
}

/* Whether the runner's tag at p (n bytes, 0: none) began a line lately:
 * remembered for the lines after it (the tasks of a parallel run take
 * turns). */
static bool runner_seen(struct heal_detect *d, const char *p, size_t n)
{
	unsigned k;

	if (!n || n > RUNNER_TAG_MAX)
		return false;
	for (k = 0; k < RUNNER_TAGS; k++)
		if (d->rtag_len[k] == n && memcmp(d->rtag[k], p, n) == 0)
			return true;
	k = d->rtag_next++ % RUNNER_TAGS;
	memcpy(d->rtag[k], p, n);
	d->rtag_len[k] = (uint8_t)n;
	return false;
}

/* Whether the line before began with the name at p (n bytes; 0: it has
 * none), which is remembered for the next: a name a line repeats is a
 * prefix, one that comes back after other lines a tool's own ("[ANSIBLE0011]
 * All tasks should be named" over its place, the next one after a blank). */
static bool tag_seen(struct heal_detect *d, const char *p, size_t n)
{
	bool seen = n && d->tag_len == n && memcmp(d->tag, p, n) == 0;

	memcpy(d->tag, p, n);
	d->tag_len = (uint8_t)n;
	return seen;
}

size_t heal_detect_prefix_len(struct heal_detect *d, const char *line, size_t len)
{
	size_t off = 0, n, k;
	int rounds;

	/* a quoted or indented paste's "> " or blanks before a CI system's
	 * prefix */
	if (len > 2 && (line[0] == '>' || line[0] == ' ' || line[0] == '\t')) {
		k = line[0] == '>' ? (line[1] == ' ' ? 2 : 0) : 0;
		while (k < len && k < 8 && (line[k] == ' ' || line[k] == '\t'))
			k++;
		if (k && k < len && one_prefix(line, len, k))
			off = k;
		else if (line[0] == '>' && line[1] == ' ' && ant_task(line, len, 2))
			off = 2;   /* Ant's column counts its own blanks */
	}
	/* a pager's line numbers (bat's, less -N's "396   │ ") before a
	 * time stamp (not a table's row: phpcs's " 2 | ERROR   | ") */
	if (!off && (k = gutter(line, len)) && k < len && dig(line[k]) &&
	    one_prefix(line, len, k))
		off = k;
	for (rounds = 0; rounds < 4; rounds++) {
		n = one_prefix(line, len, off);
		if (!n || n <= off)
			break;
		off = n;
	}
	/* nimble's "... " before each line of the compiler it runs (under
	 * its indentation: "        ... a.nim(3, 5) Error: ..."), from the
	 * second such line on: a Java trace's "... 3 more" is alone */
	for (k = off; k < len && k - off < 12 && (line[k] == ' ' || line[k] == '\t'); k++)
		;
	if (len - k > 4 && memcmp(line + k, "... ", 4) == 0 && line[k + 4] != '.') {
		if (d->dots_prev)
			off = k + 4;
		d->dots_prev = true;
	} else {
		d->dots_prev = false;
	}
	/* a parallel branch's or a process's name, from its second line */
	n = name_tag(line, len, off);
	if (tag_seen(d, line + off, n))
		off += n;
	else if (!n && (n = heal_detect_runner_tag(line, len, off)) > 0 &&
		 runner_seen(d, line + off, n))
		off += n;
	/* pip's frame around a build backend's output */
	if (d->pip_frame) {
		k = off;
		while (k < len && line[k] == ' ' && k - off < 6)
			k++;
		if (k - off == 6 && len - k >= 15 &&
		    memcmp(line + k, "[end of output]", 15) == 0) {
			d->pip_frame = false;
			return k;
		}
		if (k - off == 6 || k == len)
			return k;
		d->pip_frame = false;
	} else if (len - off > 20 && memchr(line + off, '[', len - off)) {
		const char *p = line + off;
		size_t m = len - off, b = 0;

		while (b < m && p[b] == ' ')
			b++;
		/* "╰─> [24 lines of output]" */
		while (m > b && p[m - 1] == ' ')
			m--;
		if (m - b > 9 && memcmp(p + b, "\xe2\x95\xb0\xe2\x94\x80> [", 9) == 0 &&
		    m >= 17 && memcmp(p + m - 17, " lines of output]", 17) == 0)
			d->pip_frame = true;
	}
	return off;
}

size_t heal_detect_native_command(const char *s, size_t len)
{
	const char *e;
	size_t k, i;

	/* the shape first: a first word of at most 40 bytes, then " : " */
	if (len < 5 || !isalnum((unsigned char)s[0]) ||
	    !(e = memchr(s, ' ', len < 41 ? len : 41)))
		return 0;
	k = (size_t)(e - s);
	if (k + 3 >= len || s[k + 1] != ':' || s[k + 2] != ' ' || s[k + 3] == ' ')
		return 0;
	for (i = 1; i < k; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '.' &&
		    s[i] != '+' && s[i] != '-')
			return 0;
	return k + 3;
}

/*
 * What a wrapper put before a tool's line, for a line no pattern took as
 * it came: an indentation (gradle's two spaces before javac's lines), a
 * tree's bar ("│ " of pnpm -r, "└─ ", "| "), a quote's "> " or ">" (a log
 * pasted in Markdown; its code fence "```" glued to the first line), a
 * Markdown list's bullet ("* ", "- ", "+ "), opam's "# ", BuildKit's
 * seconds without the step ("141.3 "), MSBuild's node and time ("1>",
 * "00:13:40.380     4>"), ctest -V's test number ("3: "), a monorepo's task
 * runner's tag ("web:build: ", heal_detect_runner_tag), PowerShell 5's
 * program name before a native program's error line ("gcc : ").  The
 * length of it, or 0.  Not a prefix of every line (a compiler's source
 * lines are indented): the line is matched once
 * more without it, and only when nothing took it.  The record a line
 * starts keeps the wrapper it had (however it matched), and its other
 * lines are matched without it first (heal_detect_unwrap).
 */
size_t heal_detect_wrapper_len(const char *s, size_t len)
{
	size_t i = 0, j, k, round;

	for (round = 0; round < 4 && i < len; round++) {
		const unsigned char c = (unsigned char)s[i];

		j = i;
		if (!i && (k = heal_detect_native_command(s, len)) > 0) {
			/* PowerShell's "gcc : " before a program's line */
			j = k;
		} else if ((!i || (i >= 2 && s[i - 1] == ' ' && s[i - 2] != ' ')) &&
			   (k = heal_detect_runner_tag(s, len, i)) > 0) {
			/* a task runner's tag on a line of its own (first, or
			 * after a quote's or a bullet's marks: not after an
			 * indentation) */
			j = i + k;
		} else if (c == ' ' || c == '\t') {
			while (j < len && (s[j] == ' ' || s[j] == '\t'))
				j++;
		} else if ((c == '|' || c == '>') && j + 1 < len &&
			   s[j + 1] == ' ') {
			j += 2;
		} else if (c == '>' && i == 0 && j + 1 < len &&
			   isalpha((unsigned char)s[j + 1])) {
			/* a quote without its blank (">sh: ...": Markdown
			 * takes it), before a word: not lld's ">>>", a
			 * shell's "=>" or a redirection */
			j += 1;
		} else if (c == '#' && j + 1 < len && s[j + 1] == ' ') {
			/* opam's "# " before the output of a package's build */
			j += 2;
		} else if ((c == '*' || c == '-' || c == '+') && j + 2 < len &&
			   s[j + 1] == ' ' && s[j + 2] != ' ') {
			/* a Markdown list's bullet ("* Dockerfile:9 DL3018 ...") */
			j += 2;
		} else if (c == '`' && j + 1 < len) {
			/* a Markdown fence the paste glued to the line ("```"),
			 * or inline code's "`" (and the blank after it: "` error:
			 * ...") */
			while (j < len && s[j] == '`')
				j++;
		} else if (c == 0xe2 && j + 2 < len &&
			   (((unsigned char)s[j + 1] == 0x94 &&
			     ((unsigned char)s[j + 2] == 0x82 ||
			      (unsigned char)s[j + 2] == 0x83 ||
			      (unsigned char)s[j + 2] == 0x9c ||
			      (unsigned char)s[j + 2] == 0x94)) ||
			    ((unsigned char)s[j + 1] == 0x95 &&
			     ((unsigned char)s[j + 2] == 0xb0 ||
			      (unsigned char)s[j + 2] == 0x91)))) {
			/* │ ┃ ├ └ ╰ ║, then any ─ ━ and blanks */
			j += 3;
			while (j + 2 < len && (unsigned char)s[j] == 0xe2 &&
			       (unsigned char)s[j + 1] == 0x94 &&
			       ((unsigned char)s[j + 2] == 0x80 || (unsigned char)s[j + 2] == 0x81))
				j += 3;
			if (j < len && s[j] != ' ')
				break;
		} else if (dig((char)c) && (j = clock_time(s, len, i)) > 0) {
			/* MSBuild's "00:13:40.380     4>" */
			if (j >= len || s[j] != ' ')
				break;
		} else if (dig((char)c)) {
			j = i;
			while (j < len && dig(s[j]))
				j++;
			if (j + 1 < len && s[j] == '>' && s[j + 1] != '>' && s[j + 1] != '&') {
				/* MSBuild's node: "1>", "22>" */
				i = j + 1;
				continue;
			}
			if (j - i <= 4 && j + 2 < len && s[j] == ':' && s[j + 1] == ' ' &&
			    s[j + 2] != ' ') {
				/* ctest -V's test number: "3: " before each line
				 * of test 3's output */
				i = j + 2;
				continue;
			}
			if (j - i <= 7 && j < len && s[j] == ' ') {
				/* a line's number as a web log copied it, "42 | "
				 * (the next round takes the bar) */
				for (k = j; k < len && k - j < 4 && s[k] == ' '; k++)
					;
				if (k + 1 < len && s[k] == '|' && s[k + 1] == ' ') {
					i = k;
					continue;
				}
			}
			if (glued_number(s + i, len - i)) {
				/* a web log's line number glued to a tool's
				 * own box ("104│ Error: ...", GitLab's job log
				 * copied; not a prefix: Elm glues its own
				 * source lines' numbers so) */
				i = j;
				continue;
			}
			if (j + 1 >= len || s[j] != '.' || !dig(s[j + 1]))
				break;
			for (j++; j < len && dig(s[j]); j++)
				;
			if (j >= len || s[j] != ' ')
				break;
		} else {
			break;
		}
		i = j;
	}
	return i < len ? i : 0;
}

/* Where a wrapper s[0, w)'s marks end: before its blanks at the end. */
static size_t marks_end(const char *s, size_t w)
{
	while (w && (s[w - 1] == ' ' || s[w - 1] == '\t'))
		w--;
	return w;
}

bool heal_detect_unwrap(const struct rec *r, int how, const char **line,
			size_t *len)
{
	size_t w = r->wrap_len, n = *len, mk, nb, k, b, dw, dl;
	const char *wrap = r->wrap, *l = *line;

	if (!w || n == 0)
		return false;
	/* a web log's line numbers: each line has its own */
	if ((dw = glued_number(wrap, w)) > 0) {
		if ((dl = glued_number(l, n)) == 0)
			return false;
		wrap += dw;
		w -= dw;
		l += dl;
		n -= dl;
	}
	mk = marks_end(wrap, w);
	if (how == 0) {
		/* the whole wrapper, or what is left of it on a blank line
		 * once the blanks at its end went (a quote's ">") */
		if (n >= w && memcmp(l, wrap, w) == 0) {
			*line = l + w;
			*len = n - w;
			return true;
		}
		if (n < mk || n >= w || memcmp(l, wrap, n) != 0)
			return false;
		*line = l + n;
		*len = 0;
		return true;
	}
	/* its marks ("> ", "│ ") and one blank: the blanks after them on
	 * the first line were the tool's own indentation ("  File" of a
	 * traceback); an indentation alone, as much of it as the line has
	 * (an exception under its indented frames) */
	nb = mk ? 1 : w;
	if (n < mk || memcmp(l, wrap, mk) != 0)
		return false;
	for (k = mk, b = 0; k < n && b < nb && (l[k] == ' ' || l[k] == '\t'); k++, b++)
		;
	if (k == 0 || (k == w && memcmp(l, wrap, w) == 0))
		return false;
	*line = l + k;
	*len = n - k;
	return true;
}

size_t heal_detect_marks_len(const char *s, size_t w)
{
	size_t k = marks_end(s, w);

	if (k == 0)
		return 0;
	return k < w ? k + 1 : k;
}

/*
 * A line as a Markdown paste left it, without the paste's marks: "**"
 * around strong text ("**error: 'x' undeclared** (first use ...)") gone,
 * an escaped star ("\*") a star (make's "**\* [all] Error 1" is its
 * "***").  A run of stars with an escaped one in it, or of other than
 * two, is kept (as stars).  Written to out (cap bytes); its length, or 0
 * when the line holds no such mark or does not fit.
 */
size_t heal_detect_unmarkdown(const char *line, size_t len, char *out,
			      size_t cap)
{
	size_t i = 0, o = 0;
	bool changed = false;

	if (len > cap)
		return 0;
	while (i < len) {
		size_t j = i, stars = 0;
		bool esc = false;

		while (j < len && (line[j] == '*' ||
				   (line[j] == '\\' && j + 1 < len && line[j + 1] == '*'))) {
			if (line[j] == '\\') {
				esc = true;
				j++;
			}
			stars++;
			j++;
		}
		if (stars == 0) {
			out[o++] = line[i++];
			continue;
		}
		if (stars == 2 && !esc) {
			changed = true;
		} else {
			changed |= esc;
			memset(out + o, '*', stars);
			o += stars;
		}
		i = j;
	}
	return changed ? o : 0;
}
