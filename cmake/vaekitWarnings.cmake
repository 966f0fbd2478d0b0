# Warnings and sanitizers applied to vaekit's own targets (not to consumers).
add_library(vaekit_options INTERFACE)
target_compile_options(vaekit_options INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough>
  $<$<BOOL:${VAEKIT_WARNINGS_AS_ERRORS}>:-Werror>)
if(VAEKIT_SANITIZE)
  target_compile_options(vaekit_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(vaekit_options INTERFACE -fsanitize=address,undefined)
endif()
