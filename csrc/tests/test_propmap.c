/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Property map tests (core/propmap.c): keys by code, built-in name, 4CC and custom name,
 * copies on set, insertion-order enumeration, removal, errors, reference counting,
 * merge, clone, clear, and the live map counter back to zero. */
#include "harness.h"

/* ---- property maps ---- */

static void
propmap_set_get(void)
{
    GP_ASSERT_INT_EQ(gp_propmap_live_count(), 0);
    GpPropMap *m = gp_propmap_new();
    GP_ASSERT(m && gp_propmap_refcount(m) == 1 && gp_propmap_live_count() == 1);
    GpPropValue v = gp_pv_uint(320);
    GP_ASSERT_OK(gp_propmap_set(m, GP_P_WIDTH, NULL, &v));
    v = gp_pv_uint(240);
    GP_ASSERT_OK(gp_propmap_set(m, 0, "Height", &v)); /* built-in name: stored by code */
    v = gp_pv_string("me");
    GP_ASSERT_OK(gp_propmap_set(m, 0, "tool", &v));
    char fps[] = "PSAR";
    GpPropValue f = gp_pv_frac(1, 1);
    GP_ASSERT_OK(gp_propmap_set(m, 0, fps, &f)); /* a built-in 4CC as a name */
    v = gp_pv_string("x");
    GP_ASSERT_OK(gp_propmap_set(m, 0, "ABCD", &v)); /* 4 letters, not a 4CC: custom */
    GP_ASSERT_INT_EQ(gp_propmap_count(m), 5);

    GP_ASSERT_INT_EQ(gp_propmap_get(m, 0, "Width")->value.uint, 320);
    GP_ASSERT_INT_EQ(gp_propmap_get(m, 0, "WIDT")->value.uint, 320);
    GP_ASSERT_INT_EQ(gp_propmap_get(m, GP_P_HEIGHT, NULL)->value.uint, 240);
    GP_ASSERT(gp_propmap_get(m, GP_P_SAR, NULL) != NULL);
    GP_ASSERT_STR_EQ(gp_propmap_get(m, 0, "tool")->value.string, "me");
    GP_ASSERT(gp_propmap_get(m, 0, "Tool") == NULL);
    GP_ASSERT(gp_propmap_get(m, GP_P_FPS, NULL) == NULL);
    GP_ASSERT(gp_propmap_get(m, 0, NULL) == NULL);

    /* the value was copied */
    char text[] = "abc";
    v = gp_pv_string(text);
    GP_ASSERT_OK(gp_propmap_set(m, 0, "tool", &v));
    text[0] = 'z';
    GP_ASSERT_STR_EQ(gp_propmap_get(m, 0, "tool")->value.string, "abc");
    GP_ASSERT_INT_EQ(gp_propmap_count(m), 5); /* replaced, not added */

    /* enumeration: insertion order, built-in names, custom names */
    static const char *const names[] = {"Width", "Height", "tool", "SAR", "ABCD"};
    uint32_t idx = 0, code, n = 0;
    const char *name;
    const GpPropValue *pvv;
    while ((pvv = gp_propmap_enum(m, &idx, &code, &name))) {
        GP_ASSERT(n < 5);
        GP_ASSERT_STR_EQ(name, names[n]);
        GP_ASSERT((code == 0) == (n == 2 || n == 4));
        n++;
    }
    GP_ASSERT_INT_EQ(n, 5);

    /* removal keeps the order */
    GP_ASSERT_OK(gp_propmap_set(m, 0, "Height", NULL));
    GP_ASSERT_OK(gp_propmap_set(m, 0, "absent", NULL));
    GP_ASSERT_INT_EQ(gp_propmap_count(m), 4);
    idx = 1;
    gp_propmap_enum(m, &idx, &code, &name);
    GP_ASSERT_STR_EQ(name, "tool");

    /* errors */
    GP_ASSERT_INT_EQ(gp_propmap_set(m, 0, NULL, &v), GP_BAD_PARAM);
    GP_ASSERT_INT_EQ(gp_propmap_set(m, 0, "", &v), GP_BAD_PARAM);
    GpPropValue none = gp_test_pv(GP_PROP_FORBIDDEN);
    GP_ASSERT_INT_EQ(gp_propmap_set(m, GP_P_WIDTH, NULL, &none), GP_BAD_PARAM);
    GP_ASSERT_INT_EQ(gp_propmap_set(NULL, GP_P_WIDTH, NULL, &v), GP_BAD_PARAM);
    GpPropValue nodata = gp_pv_data(NULL, 4);
    GP_ASSERT_INT_EQ(gp_propmap_set(m, GP_P_DECODER_CONFIG, NULL, &nodata), GP_BAD_PARAM);
    GP_ASSERT(gp_propmap_get(m, GP_P_DECODER_CONFIG, NULL) == NULL);

    /* a code outside the table: kept, no name */
    v = gp_pv_uint(1);
    GP_ASSERT_OK(gp_propmap_set(m, GP_4CC('z', 'z', 'z', 'z'), NULL, &v));
    idx = 4;
    GP_ASSERT(gp_propmap_enum(m, &idx, &code, &name) && name == NULL);
    GP_ASSERT_INT_EQ(code, GP_4CC('z', 'z', 'z', 'z'));

    gp_propmap_clear(m);
    GP_ASSERT_INT_EQ(gp_propmap_count(m), 0);
    idx = 0;
    GP_ASSERT(gp_propmap_enum(m, &idx, NULL, NULL) == NULL);
    gp_propmap_unref(m);
    GP_ASSERT_INT_EQ(gp_propmap_live_count(), 0);
}

static void
propmap_ref_merge_clone(void)
{
    GpPropMap *a = gp_propmap_new(), *b = gp_propmap_new();
    GP_ASSERT_INT_EQ(gp_propmap_live_count(), 2);
    GP_ASSERT(gp_propmap_ref(a) == a && gp_propmap_refcount(a) == 2);
    gp_propmap_unref(a);
    GP_ASSERT_INT_EQ(gp_propmap_refcount(a), 1);
    GP_ASSERT_INT_EQ(gp_propmap_live_count(), 2);

    /* enough entries to grow the array a few times */
    for (uint32_t i = 0; i < 40; i++) {
        char name[16];
        snprintf(name, sizeof(name), "p%u", i);
        GpPropValue v = gp_pv_uint(i);
        GP_ASSERT_OK(gp_propmap_set(a, 0, name, &v));
    }
    uint32_t u[] = {7, 8};
    GpPropValue l = gp_test_pv(GP_PROP_UINT_LIST);
    l.value.uint_list.vals = u;
    l.value.uint_list.nb = 2;
    GP_ASSERT_OK(gp_propmap_set(a, 0, "ChapTimes", &l));
    GpPropValue v = gp_pv_uint(1);
    GP_ASSERT_OK(gp_propmap_set(b, 0, "p3", &v));
    v = gp_pv_string("b only");
    GP_ASSERT_OK(gp_propmap_set(b, GP_P_URL, NULL, &v));

    GP_ASSERT_OK(gp_propmap_merge(b, a));
    GP_ASSERT_INT_EQ(gp_propmap_count(b), 42);
    GP_ASSERT_INT_EQ(gp_propmap_get(b, 0, "p3")->value.uint, 3); /* replaced */
    GP_ASSERT_STR_EQ(gp_propmap_get(b, GP_P_URL, NULL)->value.string, "b only");
    GP_ASSERT(gp_propmap_get(b, 0, "ChapTimes")->value.uint_list.vals != u);
    GP_ASSERT_OK(gp_propmap_merge(b, b));
    GP_ASSERT_INT_EQ(gp_propmap_count(b), 42);

    GpPropMap *c = gp_propmap_clone(b);
    GP_ASSERT(c && gp_propmap_refcount(c) == 1 && gp_propmap_live_count() == 3);
    GP_ASSERT_INT_EQ(gp_propmap_count(c), 42);
    uint32_t idx = 0, code;
    const char *name;
    const GpPropValue *pb;
    while ((pb = gp_propmap_enum(b, &idx, &code, &name))) {
        const GpPropValue *pc = gp_propmap_get(c, code, code ? NULL : name);
        GP_ASSERT(pc && pc != pb && gp_prop_value_equal(pc, pb));
    }
    /* the clone is independent */
    gp_propmap_clear(b);
    GP_ASSERT_INT_EQ(gp_propmap_get(c, 0, "ChapTimes")->value.uint_list.vals[1], 8);
    GP_ASSERT(gp_propmap_clone(NULL) == NULL);
    GP_ASSERT_INT_EQ(gp_propmap_merge(NULL, a), GP_BAD_PARAM);

    gp_propmap_unref(a);
    gp_propmap_unref(b);
    gp_propmap_unref(c);
    gp_propmap_unref(NULL);
    GP_ASSERT_INT_EQ(gp_propmap_live_count(), 0);
}

GP_TEST_MAIN(GP_CASE(propmap_set_get), GP_CASE(propmap_ref_merge_clone))
