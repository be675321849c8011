using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Xunit.Abstractions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// A load check, not a timed assertion: 500 patients with two active alerts each (a red SpO₂ measurement and a
/// battery-low status message, all through the real API and MQTT), then in the browser the time from sign-in and from
/// a reload to the full queue of 1,000 rows painted, and the time from an MQTT publish to the new row painted. The
/// figures go to load-check.json in the test output and to the test log (docs/benchmarks.md has the last run).
/// </summary>
[Trait("Category", "Load")]
public sealed class LoadCheckTests(ConsoleSite site, ITestOutputHelper output) : IClassFixture<ConsoleSite>
{
    private const int Patients = 500;
    private const int AlertsPerPatient = 2;
    private const int LiveUpdates = 20;
    private const int SeedConcurrency = 8;

    // Records, for every alert row added to the queue, the time (Date.now, at the next frame, i.e. painted) its patient
    // first showed, and the time the queue first held the expected number of rows.
    private const string Probe = """
        (() => {
          const probe = { seen: {}, fullAt: null, insertedAt: null, longTasks: [], target: Number(sessionStorage.getItem('loadcheck.target') || '0') };
          window.loadCheck = probe;
          try {
            new PerformanceObserver((list) => list.getEntries().forEach((entry) => probe.longTasks.push(entry.duration)))
              .observe({ type: 'longtask', buffered: true });
          } catch {
            // No long-task timing in this browser: the figure stays empty.
          }
          const watch = () => {
            const body = document.getElementById('alert-list');
            if (!body) { document.addEventListener('DOMContentLoaded', watch, { once: true }); return; }
            new MutationObserver((records) => {
              const names = [];
              for (const record of records) {
                for (const node of record.addedNodes) {
                  const name = node.nodeType === 1 ? node.querySelector?.('[data-testid=alert-patient]')?.textContent : null;
                  if (name && !(name in probe.seen)) names.push(name);
                }
              }
              const full = probe.fullAt === null && probe.target > 0 && body.children.length >= probe.target;
              if (names.length === 0 && !full) return;
              if (full && probe.insertedAt === null) probe.insertedAt = performance.now();
              requestAnimationFrame(() => {
                const now = Date.now();
                names.forEach((name) => { if (!(name in probe.seen)) probe.seen[name] = now; });
                if (full && probe.fullAt === null) probe.fullAt = performance.now();
              });
            }).observe(body, { childList: true });
          };
          watch();
        })();
        """;

    [Fact]
    public async Task Five_hundred_patients_and_a_thousand_alerts_render_and_update_live_and_the_figures_are_reported()
    {
        var seeding = Stopwatch.StartNew();
        var nurse = await site.Ward.AddNurseAsync("vpk-last", "Lotte Lastig");
        var patients = await EnrolAsync(Patients, "Belast");
        var updates = await EnrolAsync(LiveUpdates, "Nieuw");
        await ForEachAsync(patients, async patient =>
        {
            await using var oximeter = await Oximeter.ConnectAsync(site.Host.MqttPort, patient);
            await oximeter.ReportStatusAsync(battery: 5);
            await oximeter.MeasureAsync(MeasurementMessage.Now(spo2: 88));
        });
        var expected = Patients * AlertsPerPatient;
        await WaitForOpenAlertsAsync(expected);
        seeding.Stop();

        await using var console = await site.OpenConsoleAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        console.Page.SetDefaultTimeout(60_000);
        await console.Page.AddInitScriptAsync(Probe);
        await console.Page.EvaluateAsync($"() => sessionStorage.setItem('loadcheck.target', '{expected}')");
        await console.Page.ReloadAsync();

        // Sign-in to the full queue painted.
        await console.Page.GetByTestId("login-username").FillAsync(nurse.Username);
        await console.Page.GetByTestId("login-password").FillAsync(nurse.Password);
        var signIn = await console.Page.EvaluateAsync<double[]>("""
            () => new Promise((resolve) => {
              const start = performance.now();
              document.getElementById('login-submit').click();
              const done = () => {
                const fetched = Math.max(...performance.getEntriesByType('resource')
                  .filter((entry) => entry.name.includes('api/alerts?status=') && entry.startTime >= start)
                  .map((entry) => entry.responseEnd));
                resolve([window.loadCheck.fullAt - start, fetched - start, window.loadCheck.insertedAt - start]);
              };
              const poll = () => (window.loadCheck.fullAt !== null ? done() : setTimeout(poll, 5));
              poll();
            })
            """);
        var (signInMs, alertsFetchedMs, rowsInsertedMs) = (signIn[0], signIn[1], signIn[2]);
        await Expect(console.Rows).ToHaveCountAsync(expected);
        await Expect(console.ConnectionState).ToHaveAttributeAsync("data-state", "connected");

        // A reload (session kept) to the full queue painted, counted from navigation start.
        await console.Page.ReloadAsync();
        var reloadMs = await WaitForFullQueueAsync(console);
        await Expect(console.ConnectionState).ToHaveAttributeAsync("data-state", "connected");

        // Live updates: one new red alert at a time, from the MQTT publish to its row painted.
        var latencies = new List<double>();
        foreach (var patient in updates)
        {
            await using var oximeter = await Oximeter.ConnectAsync(site.Host.MqttPort, patient);
            var publishedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await oximeter.MeasureAsync(MeasurementMessage.Now(spo2: 88));
            await Expect(console.RowOf(patient.Name)).ToHaveCountAsync(1);
            // The row is in the DOM before the probe's animation frame records when it was painted: wait for that.
            var seen = await console.Page.WaitForFunctionAsync("name => window.loadCheck.seen[name]", patient.Name);
            var shownAt = await seen.JsonValueAsync<double>();
            latencies.Add(shownAt - publishedAt);
        }

        await Expect(console.Rows).ToHaveCountAsync(expected + LiveUpdates);
        var longestTaskMs = await console.Page.EvaluateAsync<double>("() => Math.max(0, ...window.loadCheck.longTasks)");
        var figures = new LoadFigures(
            Patients: Patients + LiveUpdates,
            Alerts: expected,
            SeedingSeconds: Math.Round(seeding.Elapsed.TotalSeconds, 1),
            SignInToFullQueueMs: Math.Round(signInMs),
            SignInAlertsFetchedMs: Math.Round(alertsFetchedMs),
            SignInRowsInsertedMs: Math.Round(rowsInsertedMs),
            ReloadToFullQueueMs: Math.Round(reloadMs),
            LiveUpdates: latencies.Count,
            LiveUpdateMedianMs: Math.Round(Percentile(latencies, 0.5)),
            LiveUpdateP95Ms: Math.Round(Percentile(latencies, 0.95)),
            LiveUpdateMaxMs: Math.Round(latencies.Max()),
            LongestTaskAfterReloadMs: Math.Round(longestTaskMs),
            MeasuredAt: DateTimeOffset.UtcNow,
            Machine: $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        var json = JsonSerializer.Serialize(figures, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
        var path = Path.Combine(AppContext.BaseDirectory, "load-check.json");
        await File.WriteAllTextAsync(path, json);
        output.WriteLine($"Load check figures ({path}):\n{json}");
        Console.WriteLine($"Load check figures ({path}):\n{json}");

        figures.SignInToFullQueueMs.Should().BePositive();
        latencies.Should().HaveCount(LiveUpdates).And.OnlyContain(latency => latency >= 0);
        console.Errors.Should().BeEmpty();
    }

    private static async Task<double> WaitForFullQueueAsync(ConsolePage console) =>
        await console.Page.EvaluateAsync<double>("""
            () => new Promise((resolve) => {
              const poll = () => (window.loadCheck?.fullAt != null ? resolve(window.loadCheck.fullAt) : setTimeout(poll, 5));
              poll();
            })
            """);

    private async Task<IReadOnlyList<EnrolledPatient>> EnrolAsync(int count, string family)
    {
        var enrolled = new EnrolledPatient[count];
        await ForEachAsync(Enumerable.Range(0, count).ToList(), async index =>
            enrolled[index] = await site.Ward.EnrolAsync($"{family} {index + 1:D3}"));
        return enrolled;
    }

    private async Task WaitForOpenAlertsAsync(int expected)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var open = (await site.Ward.AlertsAsync("open")).Count;
            if (open >= expected)
            {
                open.Should().Be(expected, "each patient has exactly two active alerts");
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"Only {open} of {expected} alerts open after 2 minutes.");
            }

            await Task.Delay(500);
        }
    }

    private static async Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> work)
    {
        using var gate = new SemaphoreSlim(SeedConcurrency);
        await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync();
            try
            {
                await work(item);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(fraction * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    private sealed record LoadFigures(
        int Patients,
        int Alerts,
        double SeedingSeconds,
        double SignInToFullQueueMs,
        double SignInAlertsFetchedMs,
        double SignInRowsInsertedMs,
        double ReloadToFullQueueMs,
        int LiveUpdates,
        double LiveUpdateMedianMs,
        double LiveUpdateP95Ms,
        double LiveUpdateMaxMs,
        double LongestTaskAfterReloadMs,
        DateTimeOffset MeasuredAt,
        string Machine);
}
