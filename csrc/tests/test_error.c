/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The error table: GPAC's values, texts and names. */
#include "harness.h"

static void
values_are_gpacs(void)
{
    GP_ASSERT_INT_EQ(GP_OK, 0);
    GP_ASSERT_INT_EQ(GP_EOS, 1);
    GP_ASSERT_INT_EQ(GP_BAD_PARAM, -1);
    GP_ASSERT_INT_EQ(GP_IO_ERR, -3);
    GP_ASSERT_INT_EQ(GP_FILTER_NOT_FOUND, -11);
    GP_ASSERT_INT_EQ(GP_URL_ERROR, -12);
    GP_ASSERT_INT_EQ(GP_NOT_FOUND, -53);
    GP_ASSERT_INT_EQ(GP_REQUIRES_NEW_INSTANCE, -56);
    GP_ASSERT_INT_EQ(GP_FILTER_NOT_SUPPORTED, -57);
    GP_ASSERT_INT_EQ(GP_IO_BYTE_RANGE_NOT_SUPPORTED, -58);
}

static void
texts(void)
{
    GP_ASSERT_STR_EQ(gp_strerror(GP_OK), "No Error");
    GP_ASSERT_STR_EQ(gp_strerror(GP_EOS), "End Of Stream / File");
    GP_ASSERT_STR_EQ(gp_strerror(-12), "Requested URL is not valid or cannot be found");
    GP_ASSERT_STR_EQ(gp_strerror(-57), "Not supported by any filter chain");
    /* codes without a text, and unknown codes, read as GPAC's e2s() */
    GP_ASSERT_STR_EQ(gp_strerror(GP_PENDING_PACKET), "Unknown Error (2)");
    GP_ASSERT_STR_EQ(gp_strerror(GP_SCRIPT_INFO), "Unknown Error (3)");
    GP_ASSERT_STR_EQ(gp_strerror(-1000), "Unknown Error (-1000)");
}

static void
names_and_enumeration(void)
{
    GP_ASSERT_STR_EQ(gp_err_name(-12), "URL_ERROR");
    GP_ASSERT_STR_EQ(gp_err_name(0), "OK");
    GP_ASSERT(gp_err_name(-1000) == NULL);
    unsigned n = gp_err_count();
    GP_ASSERT_INT_EQ(n, 43);
    for (unsigned i = 0; i < n; i++) {
        int code = gp_err_at(i);
        GP_ASSERT(gp_err_name(code) != NULL);
        GP_ASSERT(gp_strerror(code)[0] != 0);
        for (unsigned j = 0; j < i; j++)
            GP_ASSERT(gp_err_at(j) != code); /* no duplicate value */
    }
}

GP_TEST_MAIN(GP_CASE(values_are_gpacs), GP_CASE(texts), GP_CASE(names_and_enumeration))
