/*
 * heal_json_int.h - the frozen documents' arena, for the code of base that
 * builds one without parsing text (heal_json_pack.c).  Not for the stages.
 */
#ifndef HEAL_JSON_INT_H
#define HEAL_JSON_INT_H

#include <stddef.h>

#include "heal_json.h"

/* What values, arrays and member arrays of an arena are aligned to. */
#define HEAL_JSON_ARENA_ALIGN ((size_t)_Alignof(struct heal_json))

/* An empty arena (heal_json_arena_free). */
struct heal_json_arena *heal_json_arena_new(void);
/* A block of n bytes of a's own, HEAL_JSON_ARENA_ALIGN-aligned, freed with
 * a; what a caller puts in it is its own business. */
void *heal_json_arena_block(struct heal_json_arena *a, size_t n);

#endif
