/*
 * heal_check_int.h - what the files of lib/check share: the checkers
 * (one file each) and the runner the in-place and copy checks have in
 * common.
 */
#ifndef HEAL_CHECK_INT_H
#define HEAL_CHECK_INT_H

#include "heal_check.h"

extern const struct heal_checker heal_checker_cc;
extern const struct heal_checker heal_checker_python;
extern const struct heal_checker heal_checker_sh;
extern const struct heal_checker heal_checker_shellcheck;
extern const struct heal_checker heal_checker_shellcheck_parse;
extern const struct heal_checker heal_checker_terraform;
extern const struct heal_checker heal_checker_ansible;
extern const struct heal_checker heal_checker_yaml;
extern const struct heal_checker heal_checker_node;
extern const struct heal_checker heal_checker_make;

/*
 * Check o->file as it is beneath run_root (the project, or a copy of it):
 * the checkers run in run_root's directory (or o->cwd beneath it), and
 * their output's paths are read relative to run_root.
 */
/* The directory the checkers run in: run_root, or o->cwd beneath it (free()). */
char *heal_check_run_dir(const struct heal_root *run_root, const char *cwd);

int heal_check_at(const struct heal_check_opts *o,
		  const struct heal_root *run_root, bool copy,
		  struct heal_check_result *res, struct heal_error *err);

#endif
