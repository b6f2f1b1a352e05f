"""Shared pieces of heal's repair-prior mining and its benchmarks (stdlib only).

The edit-kind vocabulary these functions speak is documented in
docs/repair-edits.md; the tables scripts/mine-priors writes with them are
described in share/repair/README.md.  Everything here is deterministic.

- split_of(key): the held-out split (sha256 of the id, mod 10: 0-7 mine, 8-9 held out).
- lex_c / lex_python / lex_shell: small lexers; each token is a Tok.
- caret_index: the token clang/gcc/python/bash's location points at.
- describe: a token-level diff of broken -> fixed, as edits relative to the caret.
- template: a diagnostic normalised to its message template.
"""
import difflib
import hashlib
import io
import re
import tokenize as pytokenize
from collections import namedtuple

# A token: its text, its class (see CLASSES below), 1-based line, 1-based byte
# column, and byte offsets [start, end) in the source.
Tok = namedtuple("Tok", "text kind line col start end")


def split_of(key):
    """'mine' or 'held' for a row's id (any value; its str() is hashed)."""
    h = hashlib.sha256(str(key).encode()).digest()
    return "held" if int.from_bytes(h[:8], "big") % 10 >= 8 else "mine"


# ---------------------------------------------------------------- C lexer

C_KEYWORDS = frozenset("""auto break case char const continue default do double else enum
extern float for goto if inline int long register restrict return short signed sizeof static
struct switch typedef union unsigned void volatile while _Bool _Complex _Imaginary _Alignas
_Alignof _Atomic _Generic _Noreturn _Static_assert _Thread_local""".split())
C_TYPE_KEYWORDS = frozenset("""char double float int long short signed unsigned void _Bool
_Complex struct union enum const volatile""".split())
C_PUNCT = sorted("""%:%: ... <<= >>= -> ++ -- << >> <= >= == != && || *= /= %= += -= &= ^= |= ##
<: :> <% %> %: [ ] ( ) { } . & * + - ~ ! / % < > ^ | ? : ; = , #""".split(), key=len, reverse=True)
_c_punct_re = "|".join(re.escape(p) for p in C_PUNCT)
_C_RE = re.compile(r"""
  (?P<ws>[ \t\f\v\r]+|\\\r?\n)
 |(?P<nl>\n)
 |(?P<lcom>//(?:[^\n\\]|\\.)*)
 |(?P<bcom>/\*(?:.|\n)*?(?:\*/|\Z))
 |(?P<str>(?:u8|[uUL])?"(?:[^"\\\n]|\\.)*"?)
 |(?P<chr>(?:u8|[uUL])?'(?:[^'\\\n]|\\.)*'?)
 |(?P<num>\.?[0-9](?:[eEpP][+-]|[0-9A-Za-z_.])*)
 |(?P<id>[A-Za-z_][A-Za-z0-9_]*)
 |(?P<punct>%s)
 |(?P<other>.)
""" % _c_punct_re, re.X | re.S)


def lex_c(src):
    """Tokens of C source `src` (str; offsets count characters, columns bytes of UTF-8).

    Comments and white space are skipped; a directive's header name (<stdio.h>
    after #include) is one token of class 'hdr'."""
    toks = []
    line, line_start = 1, 0
    pos, n = 0, len(src)
    after_include = False
    bol = True  # only white space since the start of the line
    while pos < n:
        if after_include:
            m = re.compile(r"[ \t]*(<[^>\n]*>?)").match(src, pos)
            after_include = False
            if m:
                s = m.start(1)
                toks.append(Tok(m.group(1), "hdr", line, _col(src, line_start, s), s, m.end(1)))
                pos = m.end()
                continue
        m = _C_RE.match(src, pos)
        kind = m.lastgroup
        text = m.group()
        if kind in ("ws", "lcom", "bcom"):
            nls = text.count("\n")
            if nls:
                line += nls
                line_start = m.start() + text.rindex("\n") + 1
        elif kind == "nl":
            line += 1
            line_start = m.end()
            bol = True
        else:
            if kind == "id" and text in C_KEYWORDS:
                kind = "kw"
            toks.append(Tok(text, kind, line, _col(src, line_start, pos), pos, m.end()))
            if kind == "id" and text in ("include", "include_next", "import") and len(toks) >= 2 \
                    and toks[-2].text in ("#", "%:") and toks[-2].line == line:
                after_include = True
            bol = False
        pos = m.end()
    return toks


def _col(src, line_start, pos):
    return len(src[line_start:pos].encode("utf-8", "replace")) + 1


# ---------------------------------------------------------------- Python lexer

PY_KEYWORDS = frozenset("""False None True and as assert async await break class continue def
del elif else except finally for from global if import in is lambda nonlocal not or pass raise
return try while with yield""".split())


def lex_python(src):
    """Tokens of Python source `src`, or None when the tokenizer cannot read it.

    Layout is kept as tokens: 'nl' (a logical line's end), 'indent' and
    'dedent'; comments and blank lines are skipped."""
    toks = []
    lines = src.splitlines(True)
    offs = [0]
    for l in lines:
        offs.append(offs[-1] + len(l))
    try:
        for t in pytokenize.generate_tokens(io.StringIO(src).readline):
            tt = t.type
            if tt in (pytokenize.COMMENT, pytokenize.NL, pytokenize.ENCODING, pytokenize.ENDMARKER):
                continue
            (l1, c1), (l2, c2) = t.start, t.end
            s = offs[l1 - 1] + c1 if l1 - 1 < len(offs) else len(src)
            e = offs[l2 - 1] + c2 if l2 - 1 < len(offs) else len(src)
            col = len(src[offs[l1 - 1]:s].encode("utf-8", "replace")) + 1 if l1 - 1 < len(offs) else 1
            if tt == pytokenize.NEWLINE:
                kind, text = "nl", "NEWLINE"
            elif tt == pytokenize.INDENT:
                kind, text = "indent", "INDENT"
            elif tt == pytokenize.DEDENT:
                kind, text = "dedent", "DEDENT"
            elif tt == pytokenize.NAME:
                kind, text = ("kw" if t.string in PY_KEYWORDS else "id"), t.string
            elif tt == pytokenize.NUMBER:
                kind, text = "num", t.string
            elif tt == pytokenize.STRING:
                kind, text = "str", t.string
            elif tt == pytokenize.OP:
                kind, text = "punct", t.string
            else:
                kind, text = "other", t.string
            toks.append(Tok(text, kind, l1, col, s, e))
    except (pytokenize.TokenError, IndentationError, SyntaxError):
        return None
    return toks


# ---------------------------------------------------------------- shell lexer

SH_KEYWORDS = frozenset("""if then else elif fi for while until do done case esac in function
select time""".split())
SH_OPS = ["&>>", ";;&", "<<<", "<<-", "&&", "||", ";;", ";&", "|&", ">>", "<<", "<&", ">&",
          "&>", "<>", ">|", "$((", "$(", "${", "((", "))", ";", "&", "|", "<", ">", "(", ")"]
_SH_OPS_RE = re.compile("|".join(re.escape(o) for o in SH_OPS))
_SH_WORDCH = re.compile(r"""[^\s;&|<>()'"`$\\#]+""")


def lex_shell(src):
    """Tokens of a shell script: operators, keywords, and the pieces of words.

    Quote characters (" ' `), the openers $( ${ $(( and their closers are
    tokens of their own, so that an edit may add or drop one; the text
    between them is 'word' (outside quotes) or 'str' (inside) pieces.  Words
    spelled as a keyword, [ ] [[ ]] { } and ! are 'kw' wherever they stand.
    Comments and here-document bodies are skipped.  Approximate: the lexer
    never fails, and a broken script lexes as far as it goes."""
    toks = []
    n = len(src)
    pos = 0
    line, line_start = 1, 0
    stack = []  # open contexts: '"', "'", '`', '$(', '${', '$((', '((', '('
    heredocs = []  # pending here-document delimiters, read after the next newline
    at_word_start = True

    def emit(text, kind, s):
        toks.append(Tok(text, kind, line, _col(src, line_start, s), s, s + len(text)))

    while pos < n:
        top = stack[-1] if stack else None
        c = src[pos]
        if c == "\n":
            if top in ("'", '"', "`"):
                # a newline inside quotes belongs to the string
                pos += 1
            else:
                pos += 1
                at_word_start = True
            line += 1
            line_start = pos
            if heredocs and top not in ("'", '"', "`"):
                pos = _skip_heredocs(src, pos, heredocs)
                line += src.count("\n", line_start, pos)
                line_start = src.rfind("\n", 0, pos) + 1 if pos else 0
                heredocs = []
            continue
        if top == "'":
            if c == "'":
                emit("'", "punct", pos)
                stack.pop()
                pos += 1
            else:
                e = src.find("'", pos)
                e = n if e < 0 else e
                e = min(e, src.find("\n", pos) if "\n" in src[pos:e] else e)
                emit(src[pos:e], "str", pos)
                pos = e
            continue
        if top in ('"', "`"):
            if c == top:
                emit(c, "punct", pos)
                stack.pop()
                pos += 1
                continue
            if c == "\\" and pos + 1 < n:
                e = pos + 2
            elif src.startswith("$((", pos) or src.startswith("$(", pos) or src.startswith("${", pos):
                op = "$((" if src.startswith("$((", pos) else src[pos:pos + 2]
                emit(op, "punct", pos)
                stack.append(op)
                pos += len(op)
                continue
            elif c == "$" and re.match(r"\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])", src[pos:pos + 2]):
                m = re.compile(r"\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])").match(src, pos)
                emit(m.group(), "var", pos)
                pos = m.end()
                continue
            elif c == "`" and top == '"':
                emit("`", "punct", pos)
                stack.append("`")
                pos += 1
                continue
            else:
                m = re.compile(r'[^"`\\$\n]+|.', re.S).match(src, pos)
                e = m.end()
            emit(src[pos:e], "str", pos)
            pos = e
            continue
        # unquoted context (top level, or inside $( ${ $(( (( ( )
        if c in " \t\r":
            pos += 1
            at_word_start = True
            continue
        if c == "#" and at_word_start and top != "${":
            e = src.find("\n", pos)
            pos = n if e < 0 else e
            continue
        if c == "\\" and pos + 1 < n:
            if src[pos + 1] == "\n":
                pos += 2
                line += 1
                line_start = pos
                continue
            emit(src[pos:pos + 2], "word", pos)
            pos += 2
            at_word_start = False
            continue
        if c in "\"'`":
            emit(c, "punct", pos)
            stack.append(c)
            pos += 1
            at_word_start = False
            continue
        if c == "}" and top == "${":
            emit("}", "punct", pos)
            stack.pop()
            pos += 1
            at_word_start = False
            continue
        if src.startswith("))", pos) and top in ("$((", "(("):
            emit("))", "punct", pos)
            stack.pop()
            pos += 2
            continue
        if c == ")" and top in ("$(", "("):
            emit(")", "punct", pos)
            stack.pop()
            pos += 1
            at_word_start = True
            continue
        m = _SH_OPS_RE.match(src, pos)
        if m:
            op = m.group()
            if op == "((" and not at_word_start:
                op = "("
            if op in ("$(", "${", "$((", "((", "("):
                stack.append(op)
            if op in ("<<", "<<-"):
                d = re.compile(r"""[ \t]*(['"]?)([A-Za-z_0-9.-]+)\1""").match(src, m.end())
                if d:
                    heredocs.append((d.group(2), op == "<<-"))
            emit(op, "punct", pos)
            pos += len(op)
            at_word_start = True
            continue
        if c == "$":
            m = re.compile(r"\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])?").match(src, pos)
            emit(m.group(), "var" if len(m.group()) > 1 else "word", pos)
            pos = m.end()
            at_word_start = False
            continue
        m = _SH_WORDCH.match(src, pos)
        if not m:
            emit(c, "other", pos)
            pos += 1
            continue
        w = m.group()
        if top == "${":
            # inside ${...}: only the closing brace matters
            e = src.find("}", pos)
            w = src[pos:e if e >= 0 else m.end()] or w
            if "\n" in w:
                w = w[:w.index("\n")] or w
        kind = "word"
        if at_word_start and (w in SH_KEYWORDS or w in ("[", "]", "[[", "]]", "{", "}", "!")):
            nxt = src[pos + len(w):pos + len(w) + 1]
            if nxt == "" or nxt in " \t\n;&|<>()":
                kind = "kw"
        emit(w, kind, pos)
        pos += len(w)
        at_word_start = False
    return toks


def _skip_heredocs(src, pos, heredocs):
    for delim, strip in heredocs:
        while pos < len(src):
            e = src.find("\n", pos)
            e = len(src) if e < 0 else e
            body = src[pos:e]
            pos = e + 1
            if (body.lstrip("\t") if strip else body) == delim:
                break
    return min(pos, len(src))


# ---------------------------------------------------------------- diagnostics

_CC_DIAG = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?:(?P<col>\d+):)? "
                      r"(?P<sev>fatal error|error|warning|note): (?P<msg>.*)$")
Diag = namedtuple("Diag", "line col sev msg notes")


def parse_cc(text, fname):
    """clang/gcc diagnostics about file `fname`, in order: Diag(line, col, sev, msg,
    notes) where notes is a list of (line, col, msg) of the notes that follow."""
    out = []
    for l in text.splitlines():
        m = _CC_DIAG.match(l)
        if not m or m.group("file") != fname:
            continue
        line, col = int(m.group("line")), int(m.group("col") or 0)
        if m.group("sev") == "note":
            if out:
                out[-1].notes.append((line, col, m.group("msg")))
            continue
        out.append(Diag(line, col, m.group("sev"), m.group("msg"), []))
    return out


def first_error(diags):
    for d in diags:
        if d.sev in ("error", "fatal error"):
            return d
    return None


def line_starts(src):
    starts = [0]
    for i, ch in enumerate(src):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def offset_of(src, starts, line, col, unit="byte", tabstop=8):
    """Character offset of a 1-based (line, col) in `src`.  unit 'byte' (clang),
    'display' (gcc 11 and later: a tab advances to the next multiple of
    `tabstop`, a wide character counts 2) or 'char' (Python).  A column past the
    line's end is the line's end; a line past the end is the end of the text."""
    if line < 1:
        return 0
    if line > len(starts):
        return len(src)
    s = starts[line - 1]
    e = src.find("\n", s)
    e = len(src) if e < 0 else e
    want = max(col, 1) - 1
    i, at = s, 0
    while i < e and at < want:
        ch = src[i]
        if unit == "byte":
            at += len(ch.encode("utf-8", "replace"))
        elif unit == "display":
            at = (at // tabstop + 1) * tabstop if ch == "\t" else at + (2 if _wide(ch) else 1)
        else:
            at += 1
        i += 1
    return i


def _wide(ch):
    import unicodedata
    return unicodedata.east_asian_width(ch) in ("W", "F")


def caret_index(toks, off):
    """Index of the caret token: the first token that ends after offset `off`
    (the token holding the caret, or the next one); len(toks) at the end."""
    lo, hi = 0, len(toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if toks[mid].end <= off:
            lo = mid + 1
        else:
            hi = mid
    return lo


# ---------------------------------------------------------------- token diff

Edit = namedtuple("Edit", "op i j new")  # on the broken tokens: replace toks[i:j] by `new` (texts)


def token_edits(btoks, ftoks):
    """The edits that turn the broken tokens into the fixed ones (by text),
    as Edits in order.  Common ends are trimmed first, then difflib aligns
    the rest; op is 'ins' (i == j), 'del' (new empty) or 'rep'."""
    a = [t.text for t in btoks]
    b = [t.text for t in ftoks]
    p = 0
    while p < len(a) and p < len(b) and a[p] == b[p]:
        p += 1
    s = 0
    while s < len(a) - p and s < len(b) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    am, bm = a[p:len(a) - s], b[p:len(b) - s]
    out = []
    sm = difflib.SequenceMatcher(None, am, bm, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        op = {"insert": "ins", "delete": "del", "replace": "rep"}[tag]
        out.append(Edit(op, p + i1, p + i2, tuple(bm[j1:j2])))
    return out


# ---------------------------------------------------------------- message templates

_C_PUNCT_SET = frozenset(C_PUNCT)
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")
_AKA = re.compile(r" \(aka '(?:[^'\\]|\\.)*'\)")
_BACKTICK = re.compile(r"`([^'`]*)'")
_FLAGS = re.compile(r"\s*\[-W[^\]]*\]$")
_NUM = re.compile(r"(?<![%\w])-?\d+(?:\.\d+)?(?!\w)")


def template(msg, keep=None):
    """The template of a diagnostic message: quoted text becomes %s unless
    keep(text) says it is part of the message's wording (a punctuator or a
    statement keyword, for the C compilers); (aka '...') and a trailing flag
    list [-Wx] are dropped (heal-detect keeps those in a record's code), numbers
    outside quotes become %d.  gcc's curly quotes and bash's `x' count as
    straight ones."""
    keep = keep or c_keep
    msg = msg.replace("\u2018", "'").replace("\u2019", "'").strip()
    msg = _BACKTICK.sub(r"'\1'", msg)
    msg = _AKA.sub("", msg)
    msg = _FLAGS.sub("", msg)
    parts = []
    last = 0
    for m in _QUOTED.finditer(msg):
        parts.append(_NUM.sub("%d", msg[last:m.start()]))
        parts.append("'%s'" % m.group(1) if keep(m.group(1)) else "%s")
        last = m.end()
    parts.append(_NUM.sub("%d", msg[last:]))
    return "".join(parts)


def c_keep(text):
    """Quoted text a C compiler's message keeps in its template."""
    return text in _C_PUNCT_SET or (text in C_KEYWORDS and text not in C_TYPE_KEYWORDS)


def py_keep(text):
    """Quoted text a Python message keeps: a punctuator or keyword."""
    return text in PY_KEYWORDS or (text != "" and all(ch in "()[]{}:;,.=<>!+-*/%&|^~@" for ch in text))


def sh_keep(text):
    """Quoted text a bash or shellcheck message keeps: a keyword, an operator, a quote."""
    return text in SH_KEYWORDS or text in SH_OPS or text in ("[", "]", "[[", "]]", "{", "}", "!", "\"",
                                                              "'", "`", "\\n", "newline", "EOF")


def quoted(msg):
    """The quoted parts of a message, in order (gcc's and bash's quotes too)."""
    msg = msg.replace("\u2018", "'").replace("\u2019", "'")
    msg = _BACKTICK.sub(r"'\1'", msg)
    return _QUOTED.findall(_AKA.sub("", msg))


def family(tmpl):
    """A template's family: every quoted part a %s (the first back-off)."""
    return _QUOTED.sub("%s", tmpl)


# ---------------------------------------------------------------- edit kinds

# Anchors in precedence order: an edit that more than one anchor names (the
# same resulting text) is described by the first.  See docs/repair-edits.md.
ANCHORS = ("caret", "caret-1", "caret+1", "caret-2", "caret+2", "eol", "bol", "peol",
           "note", "note-1", "note+1", "indent", "line", "pline", "far")
_RANK = {a: i for i, a in enumerate(ANCHORS)}
MAX_TOKENS = 2  # an edit inserts, deletes or replaces at most this many tokens


class Site:
    """Where an error is, in a token list: the caret token, its line's tokens,
    the previous line's, the notes' tokens."""

    def __init__(self, toks, caret_off, caret_line, note_offs=(), indent_gaps=()):
        self.toks = toks
        self.indent_gaps = set(indent_gaps)
        self.k = caret_index(toks, caret_off)
        self.line = caret_line
        on = [i for i, t in enumerate(toks) if t.line == caret_line]
        self.first, self.last = (on[0], on[-1]) if on else (None, None)
        before = [t.line for t in toks if t.line < caret_line]
        self.pline = max(before) if before else None
        pl = [i for i, t in enumerate(toks) if t.line == self.pline] if self.pline else []
        self.plast = pl[-1] if pl else None
        self.notes = [caret_index(toks, o) for o in note_offs[:1]]

    def anchor(self, pos, gap):
        """The best anchor naming token `pos` (gap=False) or the gap before
        token `pos` (gap=True)."""
        d = pos - self.k
        if d == 0:
            return "caret"
        if -2 <= d <= 2:
            return "caret%+d" % d
        end = 1 if gap else 0
        if self.last is not None and pos == self.last + end:
            return "eol"
        if self.first is not None and pos == self.first:
            return "bol"
        if self.plast is not None and pos == self.plast + end:
            return "peol"
        for n in self.notes:
            if -1 <= pos - n <= 1:
                return "note" if pos == n else "note%+d" % (pos - n)
        if gap and pos in self.indent_gaps:
            return "indent"
        lines = {self._line(pos)} | ({self._line(pos - 1)} if gap else set())
        if self.line in lines:
            return "line"
        if self.pline in lines:
            return "pline"
        return "far"

    def _line(self, i):
        if 0 <= i < len(self.toks):
            return self.toks[i].line
        return None


BLOCKS = {
    "c": (("{",), ("}",), ()),
    "shell": (("then", "do", "{", "in"), ("fi", "done", "}", "esac"), ("else", "elif", "then", "do", ";;")),
}


def indent_gaps(toks, src, lang):
    """Gaps (token indices) where the indentation says a block ends and no
    closer stands: before the first token of a line indented no deeper than
    the line that opened a still open block.  Openers, closers and the
    first tokens that continue a block (shell's else) are per language."""
    openers, closers, cont = BLOCKS[lang]
    starts = line_starts(src)
    out = []
    stack = []
    i = 0
    n = len(toks)
    while i < n:
        line = toks[i].line
        s = starts[line - 1]
        ind = offset_col(src[s:toks[i].start])
        first = toks[i]
        if first.text not in closers and first.text not in cont:
            while stack and ind <= stack[-1]:
                out.append(i)
                stack.pop()
        j = i
        while j < n and toks[j].line == line:
            t = toks[j]
            if t.text in openers and t.kind in ("punct", "kw"):
                stack.append(ind)
            elif t.text in closers and t.kind in ("punct", "kw") and stack:
                stack.pop()
            j += 1
        i = j
    return out


def offset_col(prefix):
    """Display width of a line's leading white space (tabs to multiples of 8)."""
    w = 0
    for ch in prefix:
        if ch == "\t":
            w = (w // 8 + 1) * 8
        elif ch in " \f\v\r":
            w += 1
        else:
            break
    return w


def _slides(texts, e):
    """Positions (i, j, new) at which edit e gives the same text: an insertion
    or deletion inside a run of equal tokens may stand at any of its places."""
    out = [(e.i, e.j, e.new)]
    if e.op == "ins":
        i, new = e.i, list(e.new)
        while i > 0 and texts[i - 1] == new[-1]:
            new = [texts[i - 1]] + new[:-1]
            i -= 1
            out.append((i, i, tuple(new)))
        i, new = e.i, list(e.new)
        while i < len(texts) and texts[i] == new[0]:
            new = new[1:] + [texts[i]]
            i += 1
            out.append((i, i, tuple(new)))
    elif e.op == "del":
        i, j = e.i, e.j
        while i > 0 and texts[i - 1] == texts[j - 1]:
            i, j = i - 1, j - 1
            out.append((i, j, ()))
        i, j = e.i, e.j
        while j < len(texts) and texts[j] == texts[i]:
            i, j = i + 1, j + 1
            out.append((i, j, ()))
    return out


class Ctx:
    """What a new token's provenance is judged against: the names the
    message quotes, and the broken file's identifiers, numbers and literals."""

    def __init__(self, toks, msg_names):
        self.msg = set(msg_names)
        self.ids = {t.text for t in toks if t.kind in ("id", "word", "var")}
        self.lits = {t.text for t in toks if t.kind in ("num", "str", "chr", "hdr")}


def near(a, b):
    """Two names one typo apart: case aside equal, or edit distance <= 2 (<= 1 for short),
    two adjacent letters swapped counting as one edit (heal_gen.c near())."""
    if a.lower() == b.lower():
        return True
    if abs(len(a) - len(b)) > 2:
        return False
    lim = 1 if min(len(a), len(b)) <= 3 else 2
    pprev = prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                v = min(v, pprev[j - 2] + 1)
            cur.append(v)
        pprev, prev = prev, cur
    return prev[-1] <= lim


WORDY = ("id", "word", "var")


def old_class(t):
    return t.text if t.kind in ("punct", "kw", "nl", "indent", "dedent") else "$" + t.kind


def new_class(t, old, ctx):
    """A new token's class: punctuators and keywords are themselves; a name is
    $id.msg (the message quotes it), $id.near (a name of the file one typo from
    the token it replaces), $id.file (another name of the file) or $id.new; a
    literal is $num/$str/$chr/$hdr .file or .new."""
    if t.kind in ("punct", "kw", "nl", "indent", "dedent"):
        return t.text
    if t.kind in WORDY:
        if t.text in ctx.msg:
            p = "msg"
        elif t.text in ctx.ids and any(o.kind in WORDY and near(o.text, t.text) for o in old):
            p = "near"
        elif t.text in ctx.ids:
            p = "file"
        else:
            p = "new"
        return "$%s.%s" % (t.kind, p)
    return "$%s.%s" % (t.kind, "file" if t.text in ctx.lits or t.text in ctx.msg else "new")


REACHABLE_NEW = (".new",)  # a token class the search cannot produce
MAX_EDITS = 2  # the search combines at most this many edits


def kind_string(op, old, new, anchor):
    """The canonical string of an edit kind (docs/repair-edits.md)."""
    if op == "ins":
        return "ins:%s@%s" % (" ".join(new), anchor)
    if op in ("del", "swap"):
        return "%s:%s@%s" % (op, " ".join(old), anchor)
    if op in ("wrap", "cins", "indent"):
        return "%s:%s@%s" % (op, new[0], anchor)
    if op == "cdel":
        return "%s:%s@%s" % (op, old[0], anchor)
    return "rep:%s ~> %s@%s" % (" ".join(old), " ".join(new), anchor)


def parse_kind(s):
    """(op, old tokens, new tokens, anchor) of a kind string."""
    body, anchor = s.rsplit("@", 1)
    op, args = body.split(":", 1)
    if op == "rep":
        o, n = args.split(" ~> ")
        return op, o.split(" "), n.split(" "), anchor
    if op in ("ins", "wrap", "cins", "indent"):
        return op, [], args.split(" "), anchor
    return op, args.split(" "), [], anchor


Described = namedtuple("Described", "kind op old new anchor reachable")


def _best_place(toks, e, site):
    texts = [t.text for t in toks]
    best = None
    for i, j, new in _slides(texts, e):
        a = site.anchor(i, e.op == "ins")
        key = (_RANK[a], abs(i - site.k), i)
        if best is None or key < best[0]:
            best = (key, i, j, new, a)
    return best[1:]


def describe_edit(toks, e, site, ctx, lex):
    """Describe one token edit at its best equivalent position: a Described,
    or None when it changes more than MAX_TOKENS tokens a side."""
    i, j, new, a = _best_place(toks, e, site)
    old = toks[i:j]
    if len(old) == 1 and len(new) == 1 and old[0].kind in WORDY:
        n = new[0]
        if len(n) >= 2 and n[0] == n[-1] and n[0] in "\"'" and n[1:-1] == old[0].text:
            return Described(kind_string("wrap", [], [n[0]], a), "wrap", [], [n[0]], a, a != "far")
    newt = lex(" ".join(new)) or []
    if len(old) > MAX_TOKENS or len(newt) > MAX_TOKENS or (not old and not newt):
        return None
    oc = [old_class(t) for t in old]
    nc = [new_class(t, old, ctx) for t in newt]
    op = e.op
    if op == "rep" and len(old) == 2 and [t.text for t in newt] == [old[1].text, old[0].text]:
        op, nc = "swap", []
    reach = a != "far" and not any(c.endswith(REACHABLE_NEW) for c in nc)
    return Described(kind_string(op, oc, nc, a), op, oc, nc, a, reach)


CHARS = "\"'\\*+-/%,;.:()[]{}&|<>=!#"  # what a character edit may insert or delete


def char_edits(bsrc, fsrc):
    """Single-character edits (op, offset in bsrc, char) turning bsrc into
    fsrc, or None when the difference is not a few single characters of CHARS
    or spaces."""
    p = 0
    n = min(len(bsrc), len(fsrc))
    while p < n and bsrc[p] == fsrc[p]:
        p += 1
    s = 0
    while s < n - p and bsrc[-1 - s] == fsrc[-1 - s]:
        s += 1
    a, b = bsrc[p:len(bsrc) - s], fsrc[p:len(fsrc) - s]
    if len(a) + len(b) > 40:
        return None
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert" and j2 - j1 == 1 and (b[j1] in CHARS or b[j1] == " "):
            out.append(("cins", p + i1, b[j1]))
        elif tag == "delete" and i2 - i1 == 1 and (a[i1] in CHARS or a[i1] == " "):
            out.append(("cdel", p + i1, a[i1]))
        else:
            return None
    return out


def describe_chars(bsrc, fsrc, toks, site):
    """The fix as character edits inside tokens (an escape, a closing quote,
    an operator between a number and a name): a list of Described, or None."""
    ops = char_edits(bsrc, fsrc)
    if not ops or len(ops) > MAX_EDITS:
        return None
    out = []
    for op, off, ch in ops:
        i = caret_index(toks, off)
        inside = i < len(toks) and toks[i].start < off
        if not inside and ch != " " and op == "cins":
            return None  # between tokens: a token insertion says it
        if op == "cdel" and i < len(toks) and toks[i].start == off and toks[i].end == off + 1:
            return None  # a whole one-character token: a token deletion says it
        a = site.anchor(i, False)
        c = "SP" if ch == " " else ch
        out.append(Described(kind_string(op, [c], [c], a), op, [c] if op == "cdel" else [],
                             [c] if op == "cins" else [], a, a != "far"))
    return out


def describe_fix(bsrc, fsrc, btoks, ftoks, site, ctx, lex):
    """(kinds, why): the fix bsrc -> fsrc as at most MAX_EDITS Described
    edits, token edits first, character edits when those do not say it; or
    (None, why) with why one of 'same tokens', 'too many edits', 'too big'."""
    eds = token_edits(btoks, ftoks)
    if not eds:
        got = describe_chars(bsrc, fsrc, btoks, site)
        return (got, "") if got else (None, "same tokens")
    ds = [describe_edit(btoks, e, site, ctx, lex) for e in eds] if len(eds) <= MAX_EDITS else None
    if ds and all(ds):
        return ds, ""
    got = describe_chars(bsrc, fsrc, btoks, site)
    if got:
        return got, ""
    return None, ("too many edits" if len(eds) > MAX_EDITS else "too big")


# ---------------------------------------------------------------- mutation (Python, shell)

def retoken(src, toks):
    """Tokens with line and column recomputed from their offsets in `src`."""
    starts = line_starts(src)
    out = []
    li = 0
    for t in toks:
        while li + 1 < len(starts) and starts[li + 1] <= t.start:
            li += 1
        out.append(t._replace(line=li + 1, col=_col(src, starts[li], t.start)))
    return out


def splice(src, toks, i, j, new, lex):
    """Replace tokens i..j-1 by the token texts `new` (insert at the gap before
    token i when i == j).  Returns (new source, its tokens) with the tokens
    around the splice kept as they were, only moved: a broken program's
    token list built from a good one's, which no lexer need re-read."""
    if i < j:
        s, e = toks[i].start, toks[j - 1].end
    else:
        s = e = toks[i].start if i < len(toks) else len(src)
    text = " ".join(new)
    if text:
        before = src[s - 1] if s > 0 else " "
        after = src[e] if e < len(src) else " "
        if (before.isalnum() or before == "_") and (text[0].isalnum() or text[0] == "_"):
            text = " " + text
        if (after.isalnum() or after in "_\"'$") and (text[-1].isalnum() or text[-1] == "_"):
            text = text + " "
    out = src[:s] + text + src[e:]
    delta = len(text) - (e - s)
    mid = []
    if new:
        at = s + (len(text) - len(text.lstrip(" ")))
        for w in new:
            k = (lex(w) or [Tok(w, "other", 0, 0, 0, len(w))])[0].kind
            mid.append(Tok(w, k, 0, 0, at, at + len(w)))
            at += len(w) + 1
    moved = [t._replace(start=t.start + delta, end=t.end + delta) for t in toks[j:]]
    return out, retoken(out, toks[:i] + mid + moved)
