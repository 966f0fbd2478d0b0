# Copies the Python package of the source tree (SRC) over the development package of the build
# tree (DST), first removing the .py files and data under DST that the source no longer has (a
# module moved into a sub-package would otherwise stay importable from the build tree). The
# compiled module (_vaekit*.so, built into DST) is kept.
file(GLOB_RECURSE built RELATIVE "${DST}" "${DST}/*")
foreach(rel IN LISTS built)
  if(rel MATCHES "^_vaekit\\." OR rel MATCHES "__pycache__")
    continue()
  endif()
  if(NOT EXISTS "${SRC}/${rel}")
    file(REMOVE "${DST}/${rel}")
  endif()
endforeach()
file(COPY "${SRC}/" DESTINATION "${DST}")
