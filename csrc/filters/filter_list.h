GP_FILTER(fin)
GP_FILTER(fout)
GP_FILTER(inspect)
GP_FILTER(avgen)
