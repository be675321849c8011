using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Calls;

/// <summary>
/// On the test clock, with the host watching unclaimed alerts every second: an urgent alert nobody claims for more than
/// five minutes is raised again and the shift lead is told through the hook; a hook that is down delays a notification
/// but does not lose it.
/// </summary>
[Collection(ClockedCallCentreCollection.Name)]
public sealed class ReEscalationTests(ClockedCallCentre centre, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(centre.Host, output);

    [Fact]
    public async Task An_urgent_alert_unclaimed_for_six_minutes_is_raised_again_to_the_shift_lead()
    {
        var (patient, alertId) = await centre.UrgentAlertAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        (await centre.AlertAsync(alertId)).ReEscalations.Should().Be(0, "five minutes have not passed yet");

        using var advance = await centre.Ward.Admin.PostAsJsonAsync("/api/testing/clock", new { advanceMinutes = 6 });
        var now = (await CallCentreHost.ReadAsync<ClockView>(advance, HttpStatusCode.OK)).Now;

        now.Should().BeCloseTo(DateTimeOffset.UtcNow.AddMinutes(6), TimeSpan.FromSeconds(30));
        var raised = await Eventually.GetAsync(() => centre.AlertAsync(alertId), a => a.ReEscalations > 0, TimeSpan.FromSeconds(15), "the alert raised again");
        raised.ReEscalations.Should().Be(1);
        raised.ReEscalatedAt.Should().BeCloseTo(now, TimeSpan.FromSeconds(15));
        raised.ClaimedBy.Should().BeNull();
        var notification = await centre.DeliveredAsync(n => n.AlertId == alertId && n.Kind == "re-escalation", "the re-escalation delivered to the shift lead");
        notification.Recipient.Should().Be("shift-lead");
        notification.RecipientAddress.Should().Be("dienstleider@example.org");
        notification.PatientName.Should().Be(patient.Name);
        notification.Level.Should().Be("urgent");

        // Signing in after the jump still works: tokens are issued and checked on the same clock.
        using var nurse = await centre.Ward.SignInAsync(await centre.Ward.HireAsync("nurse"));
        using var claim = await nurse.PostAsync($"/api/alerts/{alertId}/claim", content: null);
        await Ward.ExpectAsync(claim, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_notification_is_retried_while_the_hook_fails_and_delivered_once_it_works_again()
    {
        var (patient, alertId) = await centre.UrgentAlertAsync();
        using var nurse = await centre.Ward.SignInAsync(await centre.Ward.HireAsync("nurse"));
        centre.Inbox.Fail = true;
        try
        {
            using var escalate = await nurse.PostAsJsonAsync($"/api/alerts/{alertId}/calls", new { outcome = "escalated" });
            await Ward.ExpectAsync(escalate, HttpStatusCode.OK);

            await Eventually.GetAsync(
                () => Task.FromResult(_log.SinceStart),
                log => CountFailures(log, alertId) >= 2,
                TimeSpan.FromSeconds(20),
                "two failed deliveries of the escalation logged");
            centre.Inbox.Received().Should().NotContain(n => n.AlertId == alertId);
        }
        finally
        {
            centre.Inbox.Fail = false;
        }

        var delivered = await centre.DeliveredAsync(n => n.AlertId == alertId, "the escalation delivered after the hook recovered");
        delivered.Kind.Should().Be("escalation");
        delivered.Recipient.Should().Be(patient.Clinician.Username);
        await Task.Delay(TimeSpan.FromSeconds(3));
        centre.Inbox.Received().Where(n => n.AlertId == alertId).Should().ContainSingle("a delivered notification is not sent again");
    }

    [Fact]
    public async Task Only_an_admin_moves_the_test_clock_and_only_forward()
    {
        using var nurse = await centre.Ward.SignInAsync(await centre.Ward.HireAsync("nurse"));

        using var byNurse = await nurse.PostAsJsonAsync("/api/testing/clock", new { advanceMinutes = 1 });
        using var backwards = await centre.Ward.Admin.PostAsJsonAsync("/api/testing/clock", new { advanceMinutes = -5 });
        using var missing = await centre.Ward.Admin.PostAsJsonAsync("/api/testing/clock", new { });

        byNurse.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        backwards.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    public void Dispose() => _log.Dispose();

    private static int CountFailures(string log, string alertId)
    {
        var marker = $"alert {alertId}) not delivered";
        var count = 0;
        for (var at = log.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = log.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private sealed record ClockView(DateTimeOffset Now);
}
