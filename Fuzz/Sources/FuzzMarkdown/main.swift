import CLibFuzzer
import Foundation

// libFuzzer's command line (corpus folders, -max_total_time=…); see Fuzz/README.md.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzMarkdown(data, size) })
