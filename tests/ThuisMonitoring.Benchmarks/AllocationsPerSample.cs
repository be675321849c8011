using System.Globalization;
using System.Text;

namespace ThuisMonitoring.Benchmarks;

/// <summary>
/// Exact bytes allocated per 1 Hz sample in steady state, counted by the runtime on this thread
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) over a long run (a day of samples after a warm-up hour):
/// BenchmarkDotNet's 200-invocation iterations give the figure only to within a few dozen bytes. The input
/// measurement (what the parser makes) is counted apart and subtracted. Written as a Markdown table.
/// </summary>
public static class AllocationsPerSample
{
    private const int Samples = 86_400;

    public static string Table()
    {
        var table = new StringBuilder();
        table.AppendLine("| into the episode | input (B/sample) | `PatientMonitor.Record` without input (B/sample) | of it `ContinuousStreams.Observe` | of it `ContinuousEvaluator.Observe` |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, into) in new[] { ("1 hour", TimeSpan.FromHours(1)), ("14 days", TimeSpan.FromDays(14)) })
        {
            var patient = MonitoredPatient.Restored(into);
            for (var i = 0; i < 3_600; i++)
            {
                patient.MonitorSample();
                patient.ContinuousSample();
            }

            var input = PerSample(() => patient.NextSample(patient.Now));
            var monitor = PerSample(() => patient.MonitorSample()) - input;
            var streams = PerSample(() => patient.StreamsSample()) - input;
            var evaluator = PerSample(() => patient.EvaluatorSample()) - input;
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {input:0.#} | {monitor:0.#} | {streams:0.#} | {evaluator:0.#} |"));
        }

        return table.ToString();
    }

    private static double PerSample<T>(Func<T> sample)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Samples; i++)
        {
            sample();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Samples;
    }
}
