// verb.exe REPORT VERB ITEM...: runs a shell verb on the selected items the way Explorer does. For
// each item it reads the verb's command from the item's class (Directory\shell\VERB for a folder,
// SystemFileAssociations\.EXT\shell\VERB for a file), puts the item's path in place of %1 / %L / %V,
// and starts it with CreateProcessW in a new console, in the item's folder: one process per item,
// all started before any is waited for. Writes "EXIT CODE<tab>COMMAND LINE" per item, in UTF-8, to
// REPORT. Wine's HKEY_CLASSES_ROOT does not merge the user's classes, so the keys are read from
// HKEY_CURRENT_USER\Software\Classes, which is where Windows' merged view finds them first.
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

static void fail(const wchar_t *what, DWORD code) {
  fwprintf(stderr, L"verb.exe: %ls (error %lu)\n", what, code);
  ExitProcess(2);
}

/** The verb's command for this item, environment variables expanded as Explorer does for REG_EXPAND_SZ. */
static wchar_t *verbCommand(const wchar_t *verb, const wchar_t *item) {
  wchar_t key[1024];
  DWORD attributes = GetFileAttributesW(item);
  if (attributes == INVALID_FILE_ATTRIBUTES) fail(item, GetLastError());
  const wchar_t *dot = wcsrchr(item, L'.');
  if (attributes & FILE_ATTRIBUTE_DIRECTORY) swprintf(key, 1024, L"Software\\Classes\\Directory\\shell\\%ls\\command", verb);
  else if (dot && !wcschr(dot, L'\\')) swprintf(key, 1024, L"Software\\Classes\\SystemFileAssociations\\%ls\\shell\\%ls\\command", dot, verb);
  else fail(L"a file without an extension has no verbs here", 0);
  wchar_t stored[8192];
  DWORD size = sizeof stored, type = 0;
  LSTATUS s = RegGetValueW(HKEY_CURRENT_USER, key, NULL, RRF_RT_REG_SZ | RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND, &type, stored, &size);
  if (s != ERROR_SUCCESS) fail(key, s);
  wchar_t *command = calloc(32768, sizeof *command);
  if (type == REG_EXPAND_SZ) ExpandEnvironmentStringsW(stored, command, 32768);
  else wcscpy(command, stored);
  return command;
}

static wchar_t *substitute(const wchar_t *command, const wchar_t *item) {
  wchar_t *line = calloc(wcslen(command) + 8 * wcslen(item) + 1, sizeof *line), *o = line;
  for (const wchar_t *c = command; *c; c++) {
    if (c[0] == L'%' && (c[1] == L'1' || c[1] == L'L' || c[1] == L'V')) {
      wcscpy(o, item);
      o += wcslen(item);
      c++;
    } else if (c[0] == L'%') {
      fail(L"the command holds a placeholder this launcher does not know", 0);
    } else {
      *o++ = *c;
    }
  }
  return line;
}

int wmain(int argc, wchar_t **argv) {
  if (argc < 4) fail(L"usage: verb.exe REPORT VERB ITEM...", 0);
  int n = argc - 3;
  HANDLE *processes = calloc(n, sizeof *processes);
  wchar_t **lines = calloc(n, sizeof *lines);
  for (int i = 0; i < n; i++) {
    const wchar_t *item = argv[3 + i];
    lines[i] = substitute(verbCommand(argv[2], item), item);
    wchar_t *line = wcsdup(lines[i]); // CreateProcessW may write into its command line
    wchar_t folder[MAX_PATH];
    wcsncpy(folder, item, MAX_PATH - 1);
    folder[MAX_PATH - 1] = 0;
    wchar_t *slash = wcsrchr(folder, L'\\');
    if (slash) *slash = 0;
    STARTUPINFOW si = {.cb = sizeof si};
    PROCESS_INFORMATION pi;
    if (!CreateProcessW(NULL, line, NULL, NULL, FALSE, CREATE_NEW_CONSOLE | CREATE_UNICODE_ENVIRONMENT, NULL, folder, &si, &pi)) fail(line, GetLastError());
    CloseHandle(pi.hThread);
    processes[i] = pi.hProcess;
  }
  FILE *report = _wfopen(argv[1], L"wb");
  if (!report) fail(argv[1], GetLastError());
  for (int i = 0; i < n; i++) {
    DWORD code = STILL_ACTIVE;
    WaitForSingleObject(processes[i], INFINITE);
    GetExitCodeProcess(processes[i], &code);
    int bytes = WideCharToMultiByte(CP_UTF8, 0, lines[i], -1, NULL, 0, NULL, NULL);
    char *utf8 = malloc(bytes);
    WideCharToMultiByte(CP_UTF8, 0, lines[i], -1, utf8, bytes, NULL, NULL);
    fprintf(report, "%lu\t%s\n", code, utf8);
  }
  fclose(report);
  return 0;
}
