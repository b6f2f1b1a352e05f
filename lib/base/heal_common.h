/*
 * heal_common.h - the header every C file of heal sees first.
 *
 * The build passes "-include heal_common.h" to every compilation (the
 * top-level meson.build), so no file can forget it: it includes the C
 * library headers that declare the functions heal bans, then
 * heal_banned.h, which turns each banned name into a compile error.  A
 * system header included later by a file is already included (or
 * declares no banned function), so the banned names stay banned.
 *
 * Feature-test macros (_GNU_SOURCE) come from the command line, before
 * this header.
 */
#ifndef HEAL_COMMON_H
#define HEAL_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_banned.h"

#endif
