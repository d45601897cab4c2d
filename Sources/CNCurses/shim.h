// The wide-character curses API (wget_wch, waddnwstr): ncursesw declares it only with these two set
// before its header. The helpers stand in for curses.h macros, which Swift does not import.
#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>

extern int wcwidth(wchar_t);
#include <ncursesw/curses.h>

static inline attr_t cncurses_normal(void) { return A_NORMAL; }
static inline attr_t cncurses_bold(void) { return A_BOLD; }
static inline attr_t cncurses_dim(void) { return A_DIM; }
static inline attr_t cncurses_reverse(void) { return A_REVERSE; }
static inline attr_t cncurses_underline(void) { return A_UNDERLINE; }
static inline int cncurses_function_key(int number) { return KEY_F(number); }
static inline WINDOW *cncurses_standard_screen(void) { return stdscr; }
static inline int cncurses_lines(void) { return LINES; }
static inline int cncurses_columns(void) { return COLS; }
static inline int cncurses_cell_width(wchar_t character) { return wcwidth(character); }
static inline int cncurses_set_attributes(WINDOW *window, attr_t attributes, short pair) {
    return wattr_set(window, attributes, pair, NULL);
}
#endif
