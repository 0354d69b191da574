// Exit codes every command shares.
export const EXIT_OK = 0;
/** Some photos failed (or, for verify, some files are not clean). */
export const EXIT_SOME_FAILED = 1;
export const EXIT_USAGE = 2;
