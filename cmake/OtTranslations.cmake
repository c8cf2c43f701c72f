# Qt's translation tools, called directly: Debian 12 ships their CMake API
# (qt_add_translations, Qt6LinguistTools) only in qt6-tools-dev, which brings Designer,
# Assistant and libclang; the tools themselves are in the small qt6-l10n-tools.
find_program(OT_LRELEASE lrelease HINTS "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}" REQUIRED)
find_program(OT_LUPDATE lupdate HINTS "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}" REQUIRED)

# ot_add_translations(TARGET TS_FILE...): compiles each .ts into a .qm and builds it into
# TARGET as the resource ":/i18n/NAME.qm". `ninja ordertrail_lupdate` brings the .ts files up
# to date with the sources in OT_TRANSLATED_DIRS (not part of the build: it rewrites sources).
function(ot_add_translations target)
    set(qm_files)
    foreach(ts IN LISTS ARGN)
        get_filename_component(name "${ts}" NAME_WE)
        set(qm "${CMAKE_CURRENT_BINARY_DIR}/i18n/${name}.qm")
        add_custom_command(OUTPUT "${qm}"
            COMMAND "${OT_LRELEASE}" -silent "${ts}" -qm "${qm}"
            DEPENDS "${ts}"
            COMMENT "lrelease ${name}"
            VERBATIM)
        list(APPEND qm_files "${qm}")
    endforeach()
    qt_add_resources(${target} ${target}_translations
        PREFIX /i18n
        BASE "${CMAKE_CURRENT_BINARY_DIR}/i18n"
        FILES ${qm_files})
    # No source locations in the .ts: they change with every edit of the code and would
    # make the file conflict between branches for no translator's benefit.
    add_custom_target(ordertrail_lupdate
        COMMAND "${OT_LUPDATE}" -silent -locations none ${OT_TRANSLATED_DIRS} -ts ${ARGN}
        WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
        VERBATIM)
endfunction()
