using Expectations.Fuzz;
using SharpFuzz;

// The SharpFuzz harness: `dotnet Expectations.Fuzz.dll TARGET` runs one target of FuzzTargets under afl-fuzz (see
// fuzz/README.md), in a child process that is restarted after each crash, so that a stack overflow or an
// out-of-memory is reported as a crash too. Outside afl-fuzz it runs the target once over standard input, so
// `dotnet Expectations.Fuzz.dll suite < file` replays one input.
if (args.Length != 1 || !FuzzTargets.Names.Contains(args[0]))
{
    await Console.Error.WriteLineAsync($"usage: Expectations.Fuzz TARGET   (TARGET: {string.Join(", ", FuzzTargets.Names)})");
    return 2;
}

var target = args[0];
var scratch = Path.Combine(Path.GetTempPath(), $"expectations-fuzz-{target}-{Environment.ProcessId}.{(target == "csv" ? "csv" : "parquet")}");
try
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        FuzzTargets.Run(target, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), scratch);
    });
}
finally
{
    File.Delete(scratch);
}

return 0;
