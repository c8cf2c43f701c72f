#include "Cli.h"

int main(int argc, char *argv[]) {
    return ot::cli::run(argc, argv);
}
