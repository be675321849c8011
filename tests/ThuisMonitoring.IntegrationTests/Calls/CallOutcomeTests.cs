using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Calls;

/// <summary>
/// POST /api/alerts/{id}/calls over real HTTP on an alert raised over MQTT: each outcome has its effect on the alert, and
/// escalations and emergency referrals reach the notification hook with the names filled in.
/// </summary>
[Collection(CallCentreCollection.Name)]
public sealed class CallOutcomeTests(CallCentre centre, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(centre.Host, output);

    [Theory]
    [InlineData("resolved-at-home", "resolved", true, null, 0, null)]
    [InlineData("remeasure", "acknowledged", true, null, 15, null)]
    [InlineData("escalated", "acknowledged", true, "pending", 0, "escalation")]
    [InlineData("emergency-referral", "resolved", true, "pending", 0, "emergency-referral")]
    [InlineData("unreachable", "acknowledged", false, null, 5, null)]
    public async Task A_call_outcome_has_its_effect_on_the_urgent_alert(
        string outcome, string status, bool keptByNurse, string? escalation, int retryMinutes, string? hookKind)
    {
        var (patient, alertId) = await centre.UrgentAlertAsync();
        var nurse = await centre.Ward.HireAsync("nurse");
        using var client = await centre.Ward.SignInAsync(nurse);
        var before = DateTimeOffset.UtcNow;

        using var response = await client.PostAsJsonAsync($"/api/alerts/{alertId}/calls", new
        {
            outcome,
            note = "Gebeld met patiënt",
            answers = new[] { new { stepId = "identiteit", answer = "ja" }, new { stepId = "zuurstof-stand", answer = "2" } },
        });
        var alert = await CallCentreHost.ReadAsync<CallAlertView>(response, HttpStatusCode.OK);

        alert.Status.Should().Be(status);
        alert.ClaimedBy.Should().Be(keptByNurse ? nurse.Username : null);
        var call = alert.Calls.Should().ContainSingle().Subject;
        call.Outcome.Should().Be(outcome);
        call.By.Should().Be(nurse.Username);
        call.Note.Should().Be("Gebeld met patiënt");
        call.Answers.Should().Equal(new CallAnswerView("identiteit", "ja"), new CallAnswerView("zuurstof-stand", "2"));
        if (escalation is null)
        {
            alert.Escalation.Should().BeNull();
        }
        else
        {
            alert.Escalation!.Status.Should().Be(escalation);
            alert.Escalation.To.Should().Be(patient.Clinician.Username);
            alert.Escalation.ToName.Should().Be($"Test clinician {patient.Clinician.Username}");
            alert.Escalation.Emergency.Should().Be(outcome == "emergency-referral");
        }

        if (retryMinutes == 0)
        {
            alert.RetryAt.Should().BeNull();
        }
        else
        {
            alert.RetryAt.Should().BeCloseTo(before.AddMinutes(retryMinutes), TimeSpan.FromSeconds(30));
            call.RetryAt.Should().Be(alert.RetryAt);
        }

        (await centre.AlertAsync(alertId)).Should().BeEquivalentTo(alert, "the list shows the alert as the call answered it");

        if (hookKind is not null)
        {
            var notification = await centre.DeliveredAsync(n => n.AlertId == alertId, $"the {hookKind} of {alertId} delivered through the hook");
            notification.Kind.Should().Be(hookKind);
            notification.Recipient.Should().Be(patient.Clinician.Username);
            notification.RecipientName.Should().Be($"Test clinician {patient.Clinician.Username}");
            notification.PatientId.Should().Be(patient.PatientId);
            notification.PatientName.Should().Be(patient.Name);
            notification.Level.Should().Be("urgent");
            notification.Reasons.Should().NotBeEmpty();
            notification.By.Should().Be(nurse.Username);
            notification.Note.Should().Be("Gebeld met patiënt");
        }
    }

    [Fact]
    public async Task A_call_on_an_alert_a_colleague_holds_is_a_conflict_and_bad_input_is_a_bad_request()
    {
        var (_, alertId) = await centre.UrgentAlertAsync();
        using var anna = await centre.Ward.SignInAsync(await centre.Ward.HireAsync("nurse"));
        using var bram = await centre.Ward.SignInAsync(await centre.Ward.HireAsync("nurse"));
        using var claim = await anna.PostAsync($"/api/alerts/{alertId}/claim", content: null);
        await Ward.ExpectAsync(claim, HttpStatusCode.OK);

        using var colleague = await bram.PostAsJsonAsync($"/api/alerts/{alertId}/calls", new { outcome = "resolved-at-home" });
        using var unknownOutcome = await anna.PostAsJsonAsync($"/api/alerts/{alertId}/calls", new { outcome = "went-fishing" });
        using var longNote = await anna.PostAsJsonAsync($"/api/alerts/{alertId}/calls", new { outcome = "remeasure", note = new string('x', 4001) });
        using var manyAnswers = await anna.PostAsJsonAsync($"/api/alerts/{alertId}/calls",
            new { outcome = "remeasure", answers = Enumerable.Range(0, 101).Select(i => new { stepId = $"s{i}", answer = "ja" }) });
        using var unknownAlert = await anna.PostAsJsonAsync("/api/alerts/no-such-alert/calls", new { outcome = "remeasure" });

        colleague.StatusCode.Should().Be(HttpStatusCode.Conflict);
        colleague.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        unknownOutcome.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknownOutcome.Content.ReadFromJsonAsync<ProblemView>())!.Detail.Should().Contain("resolved-at-home");
        longNote.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        manyAnswers.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unknownAlert.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await centre.AlertAsync(alertId)).Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task The_call_script_shows_the_patient_the_clinician_the_scripts_for_the_reasons_and_the_outcomes()
    {
        var clinician = await centre.Ward.HireAsync("clinician");
        var name = Ward.Unique("Patient");
        using var enrolment = await centre.Ward.Admin.PostAsJsonAsync("/api/patients", new
        {
            name,
            birthDate = "1950-03-01",
            pathway = "early-discharge",
            responsibleClinician = clinician.Username,
            oxygenFlow = 2.0,
            phone = "+31 6 1234 5678",
            consent = new { scope = "telemonitoring" },
        });
        var patientId = (await CallCentreHost.ReadAsync<PatientPhoneView>(enrolment, HttpStatusCode.Created)).PatientId;
        var device = await centre.Ward.BindDeviceAsync(patientId);
        await centre.Mosquitto.PublishAsync(MosquittoClients.V5, device.DeviceId, device.Secret, device.MeasurementsTopic,
            Measurement.Json(Measurement.NewMessageId(), spo2: 88, oxygenFlow: 2.0));
        var alert = (await Eventually.GetAsync(() => centre.Ward.AlertsOfAsync(patientId, "open"), a => a.Count > 0, null, "an open alert"))[0];
        using var nurse = await centre.Ward.SignInAsync(await centre.Ward.HireAsync("nurse"));

        var script = (await nurse.GetFromJsonAsync<ScriptView>($"/api/alerts/{alert.AlertId}/script"))!;

        script.AlertId.Should().Be(alert.AlertId);
        script.Patient.Name.Should().Be(name);
        script.Patient.Phone.Should().Be("+31 6 1234 5678");
        script.Patient.Level.Should().Be("red");
        script.Patient.LastMeasurement!.Spo2.Should().Be(88);
        script.ResponsibleClinician.Should().Be(new StaffView(clinician.Username, $"Test clinician {clinician.Username}", "clinician"));
        script.Scripts.Should().NotBeEmpty();
        script.Scripts.Should().Contain(s => s.Reasons.Intersect(alert.Reasons).Any(), "a script covers the alert's reasons");
        script.Scripts.SelectMany(s => s.Steps).Should().OnlyContain(step => step.Kind == "question" || step.Kind == "check");
        script.Outcomes.Should().Equal("resolved-at-home", "remeasure", "escalated", "emergency-referral", "unreachable");

        var patient = (await nurse.GetFromJsonAsync<PatientPhoneView>($"/api/patients/{patientId}"))!;
        patient.Phone.Should().Be("+31 6 1234 5678");
        patient.NextMeasurementDue.Should().NotBeNull();

        using var otherClinician = await centre.Ward.SignInAsync(await centre.Ward.HireAsync("clinician"));
        using var hidden = await otherClinician.GetAsync($"/api/alerts/{alert.AlertId}/script");
        hidden.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var badPhone = await centre.Ward.Admin.PostAsJsonAsync("/api/patients", new
        {
            name, birthDate = "1950-03-01", pathway = "early-discharge", responsibleClinician = clinician.Username, oxygenFlow = 2.0,
            phone = "<script>alert(1)</script>",
            consent = new { scope = "telemonitoring" },
        });
        badPhone.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    public void Dispose() => _log.Dispose();
}
