#pragma once
// Typed wrappers for libcurl's variadic calls (curl_easy_setopt, curl_easy_getinfo), which Swift
// cannot call. Each takes exactly one argument type, so the C compiler passes it correctly.
#include <curl/curl.h>

typedef size_t (*tix_curl_write_fn)(char *data, size_t size, size_t count, void *context);
typedef int (*tix_curl_progress_fn)(void *context, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                                    curl_off_t ulnow);

CURLcode tix_curl_set_long(CURL *handle, CURLoption option, long value);
CURLcode tix_curl_set_string(CURL *handle, CURLoption option, const char *value);
CURLcode tix_curl_set_pointer(CURL *handle, CURLoption option, void *value);
CURLcode tix_curl_set_headers(CURL *handle, struct curl_slist *headers);
/// The body's bytes go to `write` with `context`.
CURLcode tix_curl_set_writer(CURL *handle, tix_curl_write_fn write, void *context);
/// `progress` runs often during a transfer; returning non-zero aborts it (how a long poll is stopped).
CURLcode tix_curl_set_progress(CURL *handle, tix_curl_progress_fn progress, void *context);
/// The last response's HTTP status, 0 if none arrived.
long tix_curl_status(CURL *handle);
