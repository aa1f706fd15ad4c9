// Typed wrappers around libcurl's variadic entry points, which Swift cannot call.
#ifndef FEEDWATCH_CCURL_H
#define FEEDWATCH_CCURL_H

#include <curl/curl.h>

typedef size_t (*fw_data_callback)(char *buffer, size_t size, size_t count, void *context);

CURLcode fw_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode fw_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode fw_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode fw_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode fw_easy_setopt_data_callback(CURL *handle, CURLoption option, fw_data_callback callback);

CURLcode fw_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode fw_easy_getinfo_string(CURL *handle, CURLINFO info, char **value);
CURLcode fw_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);
CURLcode fw_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);

CURLMcode fw_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

/// Reads the next finished transfer from the multi handle; returns 0 when there is none.
int fw_multi_next_done(CURLM *multi, CURL **easy, CURLcode *result);

#endif
