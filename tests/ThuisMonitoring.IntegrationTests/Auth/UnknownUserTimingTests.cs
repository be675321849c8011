using System.Diagnostics;
using System.Net;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Auth;

/// <summary>Issue 9 item 4: an unknown username is answered as slowly as a wrong password (38 ms vs 1.3 ms before).</summary>
[Collection(LoginHostCollection.Name)]
public sealed class UnknownUserTimingTests(LoginHost logins, ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 8;

    private readonly HostLog _log = new(logins.Host, output);

    [Fact]
    public async Task Unknown_and_known_usernames_with_a_wrong_password_take_about_as_long()
    {
        // Two wrong passwords per known user, so none of them gets near the lock of 5.
        var known = new List<string>();
        for (var i = 0; i < Rounds / 2; i++)
        {
            known.Add(await logins.HireAsync());
        }

        await TimeAsync(known[0]); // warm up the endpoint and the connection
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < Rounds; i++)
        {
            knownTimes.Add(await TimeAsync(known[i % known.Count]));
            unknownTimes.Add(await TimeAsync(Ward.Unique("niemand")));
        }

        var ratio = Median(unknownTimes) / Median(knownTimes);
        output.WriteLine($"median known {Median(knownTimes):F1} ms, unknown {Median(unknownTimes):F1} ms, ratio {ratio:F2}");
        ratio.Should().BeInRange(0.5, 2.0);
    }

    private async Task<double> TimeAsync(string username)
    {
        var watch = Stopwatch.StartNew();
        using var response = await logins.LoginAsync(username, "fout-wachtwoord-1");
        watch.Stop();
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }

    public void Dispose() => _log.Dispose();
}
