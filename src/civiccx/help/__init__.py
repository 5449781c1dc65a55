"""Help center: plain-language articles in English and Spanish, search, helpfulness votes."""
