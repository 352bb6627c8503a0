# baidian::sale_rules: what a till's sale must be before head office stores it. No database, so
# the fuzz build (which has no server) includes this file too and runs the rules on every sale
# it decodes.
add_library(baidian_sale_rules STATIC "${CMAKE_CURRENT_LIST_DIR}/src/sale_rules.cpp")
add_library(baidian::sale_rules ALIAS baidian_sale_rules)
target_include_directories(baidian_sale_rules PUBLIC "${CMAKE_CURRENT_LIST_DIR}/include")
target_link_libraries(baidian_sale_rules PUBLIC baidian::domain baidian::protocol)
target_compile_features(baidian_sale_rules PUBLIC cxx_std_20)
