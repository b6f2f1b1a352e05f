/*
 * heal_actions_int.h - what the action modules share inside libheal; not
 * for tools.
 *
 *   heal_actions.c     the action table, and the helpers below that every
 *                      action uses (arguments, files, edits, locations)
 *   heal_resolve.c     the resolvers (heal_actions_resolve)
 *   heal_act_edit.c    language-neutral text edits
 *   heal_act_c.c       C and C++ source
 *   heal_act_cbody.c   C clauses' bodies (brace-body)
 *   heal_act_python.c  Python source
 *   heal_act_shell.c   shell scripts
 *   heal_act_make.c    Makefiles
 *   heal_act_yaml.c    YAML documents (an Ansible playbook's list)
 *   heal_act_hcl.c     HCL blocks (Terraform's, written twice or at the top level)
 *   heal_act_unicode.c look-alikes of ASCII characters (any language)
 *   heal_act_system.c  modes, directories, commands, package installs
 *   heal_link.c        the linker's errors
 *
 * Every action has the signature of heal_action_fn (heal_actions.h).
 */
#ifndef HEAL_ACTIONS_INT_H
#define HEAL_ACTIONS_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_actions.h"

/* The most edits or matches one action makes of one kind. */
#define ACT_MAX_OCCURRENCES 256

/* ---- heal_actions.c: arguments and reasons ------------------------------ */

/* Say why the action does not apply (replaces the previous reason). */
void heal_act_why(struct heal_act *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The rule's argument key as written (borrowed from a->args), or NULL. */
const char *heal_act_arg_raw(const struct heal_act *a, const char *key);
/* The argument key expanded with the variables (free()), or NULL (reason in a->why). */
char *heal_act_arg(struct heal_act *a, const char *key);
/* Whether the argument key is true; dflt when the rule does not give it. */
bool heal_act_arg_bool(const struct heal_act *a, const char *key, bool dflt);
/* The table of that name (borrowed), or NULL. */
const struct heal_json *heal_act_table(const struct heal_act *a, const char *name);
/* Whether table name surely lacks key (a look-up that need not parse it). */
bool heal_act_table_lacks(const struct heal_act *a, const char *name,
			  const char *key);

/* ---- heal_actions.c: files, locations, edits ----------------------------- */

/* The root-relative file rel through the source cache (borrowed), or NULL. */
const struct heal_source_file *heal_act_file(struct heal_act *a,
					     const char *rel);
/* The file an action works on: args.file, else the record's (borrowed), or NULL. */
const struct heal_source_file *heal_act_target(struct heal_act *a);
/* Whether the record's location (file and line) is in f. */
bool heal_act_at_location(const struct heal_act *a,
			  const struct heal_source_file *f);
/* The location's line in f: its start and length (false with a reason). */
bool heal_act_loc_line(struct heal_act *a, const struct heal_source_file *f,
		       size_t *start, size_t *len);
/* The location's byte offset in f (false with a reason). */
bool heal_act_loc_offset(struct heal_act *a, const struct heal_source_file *f,
			 size_t *off);
/* Add an edit of f replacing [start, end) by text; "\n" becomes "\r\n" in a CRLF file. */
void heal_act_emit(struct heal_act *a, const struct heal_source_file *f,
		   size_t start, size_t end, const char *text, size_t len);
/* A root-relative path from a value a tool printed (free()), or NULL (reason in a->why). */
char *heal_act_project_path(struct heal_act *a, const char *p);
/* The directory part of rel ("" when none; free()). */
char *heal_act_dir_of(const char *rel);
/* dir/name, or name when dir is "", "." or NULL (free()). */
char *heal_act_join(const char *dir, const char *name);

/* ---- heal_actions.c: text ------------------------------------------------ */

/* Whether c is a letter, a digit or '_'. */
bool heal_act_is_word(int c);
/* Whether s is empty or blanks (space, tab) only; s need not end in a NUL. */
bool heal_act_is_blank(const char *s, size_t n);
/* How many leading blanks s[0..n) has. */
size_t heal_act_indent_len(const char *s, size_t n);
/* Indentation in columns, a tab advancing to the next multiple of 8. */
size_t heal_act_indent_cols(const char *s, size_t n);
/* End of the code on a line: before a trailing comment and blanks. */
size_t heal_act_code_end(const char *s, size_t n, const char *comment);
/* Whether needle[0..nl) occurs at data[off] with word boundaries where needed. */
bool heal_act_occurs_at(const char *data, size_t len, size_t off,
			const char *needle, size_t nl, bool word);
/* Offsets of needle in data[from, to) into out, at most max; the count. */
size_t heal_act_find_all(const char *data, size_t from, size_t to,
			 const char *needle, bool word, size_t *out, size_t max);
/* Whether s is an identifier, the bytes of extra allowed after its first. */
bool heal_act_valid_name(const char *s, const char *extra);
/* Whether s abbreviates l: at least min bytes, shorter than l, the same
 * first byte and its bytes in l in order ("db" for "database"). */
bool heal_act_abbreviates(const char *s, const char *l, size_t min);

/* ---- language knowledge other files use ----------------------------------- */

/* heal_act_c.c: the end of the token before off, skipping blanks and comments. */
size_t heal_act_c_prev_token_end(const struct heal_source_file *f, size_t off);
/*
 * heal_act_c.c: when the token that ends at off is an #include "x.h" line,
 * the end of x.h's last token (the declaration it leaves open) in *hf
 * (borrowed from the source cache) and *pos.
 */
bool heal_act_c_include_last_token(struct heal_act *a,
				   const struct heal_source_file *f, size_t off,
				   const struct heal_source_file **hf,
				   size_t *pos);
/* heal_act_c.c: where a new #include goes; *at_top when before everything. */
size_t heal_act_c_include_pos(const struct heal_source_file *f, bool *at_top);
/* heal_act_python.c: where a new import goes; *none when the file has none. */
size_t heal_act_py_import_pos(const struct heal_source_file *f, bool *none);
/* heal_act_make.c: the project's Makefile (borrowed), or NULL (reason in a->why). */
const struct heal_source_file *heal_act_makefile(struct heal_act *a);

/* ---- the actions, one per row of the table in heal_actions.c -------------- */

/* heal_act_edit.c */
int heal_act_none(struct heal_act *a, struct heal_error *err);
int heal_act_replace(struct heal_act *a, struct heal_error *err);
int heal_act_insert(struct heal_act *a, struct heal_error *err);
int heal_act_delete_line(struct heal_act *a, struct heal_error *err);
int heal_act_reindent(struct heal_act *a, struct heal_error *err);
int heal_act_close_directive(struct heal_act *a, struct heal_error *err);
int heal_act_drop_arguments(struct heal_act *a, struct heal_error *err);
int heal_act_return_printed(struct heal_act *a, struct heal_error *err);
int heal_act_add_final_return(struct heal_act *a, struct heal_error *err);
int heal_act_close_block(struct heal_act *a, struct heal_error *err);
int heal_act_add_keyword(struct heal_act *a, struct heal_error *err);
int heal_act_regex_replace(struct heal_act *a, struct heal_error *err);
int heal_act_strip_cr(struct heal_act *a, struct heal_error *err);

/* heal_act_c.c */
int heal_act_add_include(struct heal_act *a, struct heal_error *err);
int heal_act_add_prototype(struct heal_act *a, struct heal_error *err);
int heal_act_delete_declaration(struct heal_act *a, struct heal_error *err);
int heal_act_void_cast(struct heal_act *a, struct heal_error *err);
int heal_act_add_return(struct heal_act *a, struct heal_error *err);
int heal_act_format_spec(struct heal_act *a, struct heal_error *err);

/* heal_act_cbody.c */
int heal_act_brace_body(struct heal_act *a, struct heal_error *err);

/* heal_act_python.c */
int heal_act_ascii_lookalikes(struct heal_act *a, struct heal_error *err);
int heal_act_space_indent(struct heal_act *a, struct heal_error *err);
int heal_act_add_import(struct heal_act *a, struct heal_error *err);
int heal_act_close_brackets(struct heal_act *a, struct heal_error *err);
int heal_act_remove_import_name(struct heal_act *a, struct heal_error *err);

/* heal_act_shell.c */
int heal_act_quote_expansion(struct heal_act *a, struct heal_error *err);

/* heal_act_make.c */
int heal_act_tab_indent(struct heal_act *a, struct heal_error *err);
int heal_act_add_link_lib(struct heal_act *a, struct heal_error *err);

/* heal_act_system.c */
int heal_act_chmod(struct heal_act *a, struct heal_error *err);
int heal_act_mkdir(struct heal_act *a, struct heal_error *err);
int heal_act_command(struct heal_act *a, struct heal_error *err);
int heal_act_install(struct heal_act *a, struct heal_error *err);

/* heal_link.c */
int heal_act_link_near(struct heal_act *a, struct heal_error *err);
int heal_act_link_match_decl(struct heal_act *a, struct heal_error *err);
int heal_act_link_add_object(struct heal_act *a, struct heal_error *err);
int heal_act_link_one_definition(struct heal_act *a, struct heal_error *err);

/* heal_act_yaml.c */
int heal_act_list_item(struct heal_act *a, struct heal_error *err);
/* heal_act_hcl.c */
int heal_act_merge_block(struct heal_act *a, struct heal_error *err);
int heal_act_wrap_block(struct heal_act *a, struct heal_error *err);
int heal_act_string_list(struct heal_act *a, struct heal_error *err);

#endif
