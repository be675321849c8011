using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.SignalR.Client;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Capacity;

/// <summary>
/// Issue 16 item 1: the centre's board (<c>GET /api/capacity</c>, CONTRACT section 10) against a real host: nurses on
/// shift follow console connections, the light follows the thresholds (patients per nurse; an urgent alert left
/// unclaimed past its response time on the test clock), equipment follows enrolment and the end of an episode.
/// </summary>
[Collection(CapacityHostCollection.Name)]
public sealed class CapacityBoardTests(CapacityHost site)
{
    [Fact]
    public async Task Nurses_on_shift_are_the_centres_nurses_with_a_console_open()
    {
        var centre = await site.CentreAsync();
        var first = await site.HireAsync("nurse", centre.Centre);
        var second = await site.HireAsync("nurse", centre.Centre);
        var elsewhere = await site.CentreAsync();
        var otherNurse = await site.HireAsync("nurse", elsewhere.Centre);
        (await centre.BoardAsync()).NursesOnShift.Should().Be(0);

        await using var firstConsole = await site.ConnectConsoleAsync(first);
        var nudged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        firstConsole.On("capacityChanged", () => nudged.TrySetResult());
        await using var secondConsole = await site.ConnectConsoleAsync(second);
        await using var secondTab = await site.ConnectConsoleAsync(second);
        await using var otherConsole = await site.ConnectConsoleAsync(otherNurse);

        await nudged.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await centre.BoardShowsAsync(b => b.NursesOnShift == 2, "two nurses on shift (two tabs of one nurse count once; another centre's nurse not at all)");
        await secondConsole.DisposeAsync();
        await secondTab.DisposeAsync();
        var board = await centre.BoardShowsAsync(b => b.NursesOnShift == 1, "one nurse on shift once the second closed both consoles");
        board.Level.Should().Be("green", "no patient in monitoring");
    }

    [Fact]
    public async Task The_light_follows_patients_per_nurse_against_the_thresholds_an_admin_sets()
    {
        var centre = await site.CentreAsync();
        using (var set = await site.Ward.Admin.PutAsJsonAsync("/api/capacity/thresholds",
            new { centre = centre.Centre, greenUpToPatientsPerNurse = 1, redAbovePatientsPerNurse = 2 }))
        {
            set.StatusCode.Should().Be(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        }

        var nurse = await site.HireAsync("nurse", centre.Centre);
        await centre.EnrolAsync();
        await using var console = await site.ConnectConsoleAsync(nurse);
        var one = await centre.BoardShowsAsync(b => b.NursesOnShift == 1, "the nurse on shift");
        one.Should().Match<CapacityView>(b => b.PatientsInMonitoring == 1 && b.PatientsPerNurse == 1 && b.Level == "green");

        await centre.EnrolAsync();
        (await centre.BoardAsync()).Should().Match<CapacityView>(b => b.PatientsPerNurse == 2 && b.Level == "orange");
        await centre.EnrolAsync();
        (await centre.BoardAsync()).Should().Match<CapacityView>(b => b.PatientsPerNurse == 3 && b.Level == "red");

        await using var colleague = await site.ConnectConsoleAsync(await site.HireAsync("nurse", centre.Centre));
        var two = await centre.BoardShowsAsync(b => b.NursesOnShift == 2, "a second nurse on shift");
        two.Should().Match<CapacityView>(b => b.PatientsPerNurse == 1.5 && b.Level == "orange");

        using var bad = await site.Ward.Admin.PutAsJsonAsync("/api/capacity/thresholds",
            new { centre = centre.Centre, greenUpToPatientsPerNurse = 5, redAbovePatientsPerNurse = 2 });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_urgent_alert_left_unclaimed_past_its_response_time_turns_the_light_red_until_a_nurse_claims_it()
    {
        var centre = await site.CentreAsync();
        var nurse = await site.HireAsync("nurse", centre.Centre);
        using var nurseApi = await site.Ward.SignInAsync(nurse);
        await using var console = await site.ConnectConsoleAsync(nurse);
        var patient = await centre.EnrolAsync();
        var alertId = await centre.RaiseUrgentAlertAsync(patient);

        var fresh = await centre.BoardShowsAsync(b => b.NursesOnShift == 1 && b.OpenAlerts.Urgent == 1, "the urgent alert on the board");
        fresh.Level.Should().Be("green", "one patient per nurse and the alert is within its response time (5 minutes)");
        fresh.UrgentOverdue.Should().Be(0);

        await site.AdvanceClockAsync(6);
        var late = await centre.BoardAsync(nurseApi);
        late.Level.Should().Be("red", "the urgent alert waits unclaimed beyond its 5-minute response time");
        late.UrgentOverdue.Should().Be(1);
        late.OldestUnclaimedMinutes.Should().BeGreaterThanOrEqualTo(6);

        using (var claim = await nurseApi.PostAsync($"/api/alerts/{alertId}/claim", null))
        {
            claim.StatusCode.Should().Be(HttpStatusCode.OK, await claim.Content.ReadAsStringAsync());
        }

        var claimed = await centre.BoardAsync(nurseApi);
        claimed.Level.Should().Be("green");
        claimed.UrgentOverdue.Should().Be(0);
        claimed.OldestUnclaimedMinutes.Should().BeNull("the only alert is claimed");
        claimed.OpenAlerts.Urgent.Should().Be(1, "claimed is still open");
    }

    [Fact]
    public async Task Equipment_in_stock_and_handed_out_follows_enrolment_and_the_end_of_the_episode()
    {
        var centre = await site.CentreAsync();
        using (var stock = await site.Ward.Admin.PutAsJsonAsync("/api/capacity/equipment", new { centre = centre.Centre, concentratorsInStock = 5, metersInStock = 3 }))
        {
            stock.StatusCode.Should().Be(HttpStatusCode.OK, await stock.Content.ReadAsStringAsync());
        }

        (await centre.BoardAsync()).Equipment.Should().Be(new EquipmentView(new(5, 0), new(3, 0)));
        var equipped = await centre.EnrolAsync(withEquipment: true);
        await centre.EnrolAsync(withEquipment: false);
        var handedOut = await centre.BoardAsync();
        handedOut.Equipment.Should().Be(new EquipmentView(new(4, 1), new(2, 1)), "enrolment recorded one concentrator and one meter");
        handedOut.PatientsInMonitoring.Should().Be(2);

        using var clinician = await site.Ward.SignInAsync(centre.Clinician);
        using (var ended = await clinician.PostAsJsonAsync($"/api/patients/{equipped.PatientId}/state", new { state = "ended", reason = "Stabiel zonder zuurstof" }))
        {
            ended.StatusCode.Should().Be(HttpStatusCode.OK, await ended.Content.ReadAsStringAsync());
        }

        var back = await centre.BoardAsync();
        back.Equipment.Should().Be(new EquipmentView(new(5, 0), new(3, 0)), "the end of the episode brought both back");
        back.PatientsInMonitoring.Should().Be(1);
    }

    [Fact]
    public async Task The_prognosis_covers_seven_days_from_the_patients_in_monitoring()
    {
        var centre = await site.CentreAsync();
        await centre.EnrolAsync();
        await centre.EnrolAsync();

        var prognosis = (await site.Ward.Admin.GetFromJsonAsync<JsonElement>($"/api/capacity/prognosis?centre={centre.Centre}"))!;

        prognosis.GetProperty("inMonitoringNow").GetInt32().Should().Be(2);
        prognosis.GetProperty("intakePerDay").GetDouble().Should().Be(2, "two enrolments within the first day");
        var days = prognosis.GetProperty("days").EnumerateArray().ToList();
        days.Should().HaveCount(7);
        days.Select(d => d.GetProperty("expected").GetDouble()).Should().BeInAscendingOrder("nobody is seen to leave and two a day arrive");
        days[0].GetProperty("expected").GetDouble().Should().Be(4);
    }

    [Fact]
    public async Task Only_the_centres_own_nurses_and_admins_see_its_board()
    {
        var centre = await site.CentreAsync();
        var other = await site.CentreAsync();
        using var ownNurse = await site.Ward.SignInAsync(await site.HireAsync("nurse", centre.Centre));
        using var otherNurse = await site.Ward.SignInAsync(await site.HireAsync("nurse", other.Centre));
        using var clinician = await site.Ward.SignInAsync(centre.Clinician);

        using var own = await ownNurse.GetAsync("/api/capacity");
        using var foreign = await otherNurse.GetAsync($"/api/capacity?centre={centre.Centre}");
        using var byClinician = await clinician.GetAsync($"/api/capacity?centre={centre.Centre}");
        using var setByNurse = await ownNurse.PutAsJsonAsync("/api/capacity/equipment", new { centre = centre.Centre, concentratorsInStock = 1 });

        own.StatusCode.Should().Be(HttpStatusCode.OK);
        (await own.Content.ReadFromJsonAsync<CapacityView>())!.Centre.Should().Be(centre.Centre, "a nurse's board is their own centre's");
        foreign.StatusCode.Should().Be(HttpStatusCode.NotFound);
        byClinician.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        setByNurse.StatusCode.Should().Be(HttpStatusCode.Forbidden, "an admin sets stock");
    }
}
