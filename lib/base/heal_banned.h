/*
 * heal_banned.h - functions no heal source may call.
 *
 * Included by heal_common.h, which the build puts first in every
 * compilation (see there).  Each banned name is
 * redefined to an undeclared identifier, so a call fails to compile with a
 * message naming the function.  Use instead:
 *   strcpy, strcat, strncpy, strncat  -> heal_buf, memcpy with a known length
 *   sprintf, vsprintf                 -> snprintf, heal_buf_addf
 *   strtok, strtok_r                  -> explicit scanning with memchr/strcspn
 *   atoi, atol, atoll, atof           -> strtol/strtoll/strtod with checks
 *   gets                              -> fgets, heal_lines
 *   mktemp, tmpnam, tempnam           -> mkstemp, heal_safefile
 *   system, popen                     -> heal_spawn (argv only, never a shell)
 */
#ifndef HEAL_BANNED_H
#define HEAL_BANNED_H

#define HEAL_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) HEAL_BANNED(strcpy)
#undef strcat
#define strcat(x, y) HEAL_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) HEAL_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) HEAL_BANNED(strncat)
#undef sprintf
#define sprintf(...) HEAL_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) HEAL_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) HEAL_BANNED(strtok)
#undef strtok_r
#define strtok_r(x, y, z) HEAL_BANNED(strtok_r)
#undef atoi
#define atoi(x) HEAL_BANNED(atoi)
#undef atol
#define atol(x) HEAL_BANNED(atol)
#undef atoll
#define atoll(x) HEAL_BANNED(atoll)
#undef atof
#define atof(x) HEAL_BANNED(atof)
#undef gets
#define gets(x) HEAL_BANNED(gets)
#undef mktemp
#define mktemp(x) HEAL_BANNED(mktemp)
#undef tmpnam
#define tmpnam(x) HEAL_BANNED(tmpnam)
#undef tempnam
#define tempnam(x, y) HEAL_BANNED(tempnam)
#undef system
#define system(x) HEAL_BANNED(system)
#undef popen
#define popen(x, y) HEAL_BANNED(popen)

#endif
