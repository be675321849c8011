using System.Net.Http.Json;
using System.Text.Json;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Operations;

/// <summary>
/// Issue 9: <c>./build.sh demo</c> prints a short banner (console, patient app, logins) and then no line per HTTP
/// request: the framework's request logging is off by default (appsettings.json, wherever the host is started from).
/// </summary>
public sealed class DemoBannerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_demo_prints_console_app_and_logins_once_and_no_line_per_request()
    {
        // As ./build.sh demo starts it: the default log levels, from a directory that is not the host's.
        await using var host = await HostProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Demo:Enabled"] = "true",
            ["Auth:AdminPassword"] = "",
        });
        try
        {
            var log = await Eventually.GetAsync(() => Task.FromResult(host.Output), o => o.Contains("Demo running", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the demo banner");
            var banner = log[log.IndexOf("Demo running", StringComparison.Ordinal)..];
            banner.Should().Contain($"Console:     {host.BaseAddress}")
                .And.Contain($"Patient app: {host.BaseAddress}app/")
                .And.Contain("nurse verpleegkundige / demo-zorg-2021")
                .And.Contain("clinicians huisarts and longarts / demo-zorg-2021")
                .And.Contain("admin / demo-beheer-2021");

            var requests = new HostLog(host, output);
            using (var nurse = await host.LoginAsync("verpleegkundige", "demo-zorg-2021"))
            {
                for (var i = 0; i < 10; i++)
                {
                    (await nurse.GetAsync("/api/alerts?status=open")).Dispose();
                }
            }

            (await host.Http.GetAsync("/health/ready")).Dispose();

            // The log is written in order: once the enrolment's own line is there, any request line would be too.
            using var admin = await host.LoginAsync("admin", "demo-beheer-2021");
            using var enrolment = await admin.PostAsJsonAsync("/api/patients", new
            {
                name = Ward.Unique("Banner"),
                birthDate = "1950-03-01",
                pathway = "general-practice",
                responsibleClinician = "huisarts",
                oxygenFlow = 2.0,
                consent = new { scope = "telemonitoring" },
            });
            var patientId = (await enrolment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("patientId").GetString();
            await Eventually.GetAsync(() => Task.FromResult(requests.SinceStart), o => o.Contains($"Patient {patientId} stored", StringComparison.Ordinal), null, "the enrolment's log line");
            requests.SinceStart.Should().NotContain("Microsoft.AspNetCore.Hosting.Diagnostics").And.NotContain("Microsoft.AspNetCore.Routing.EndpointMiddleware");
            host.Output.Split('\n').Count(l => l.Contains("Demo running", StringComparison.Ordinal)).Should().Be(1);
        }
        finally
        {
            HostLog.WriteAll(host, output);
        }
    }
}
