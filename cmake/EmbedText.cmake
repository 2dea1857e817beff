# dlc_embed_text(<out.c> <symbol> <input>): compiles a text file into a C string constant
# `const char <symbol>[]` so the library carries its IRDL definitions with it.
function(dlc_embed_text out symbol input)
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${out} -DSYMBOL=${symbol}
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedTextScript.cmake"
    DEPENDS "${input}" "${PROJECT_SOURCE_DIR}/cmake/EmbedTextScript.cmake"
    COMMENT "Embedding ${input}")
endfunction()
