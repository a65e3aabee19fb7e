# cmake -DREFER=PATH -DSHELL_NAME=bash|zsh -DOUTPUT=FILE -P write_completion.cmake: writes
# `refer completion SHELL_NAME` to FILE, failing the build when refer fails.
execute_process(COMMAND ${REFER} completion ${SHELL_NAME} OUTPUT_FILE ${OUTPUT}.tmp RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "refer completion ${SHELL_NAME} failed: ${status}")
endif()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
