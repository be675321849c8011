using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Calls;

/// <summary>What each outcome of a nurse's call does with the alert (default protocol: retry red 5 / orange 15 min, call-back 15 min).</summary>
public sealed class CallOutcomeTests
{
    private const string Anna = "nurse.anna";
    private const string Bram = "nurse.bram";
    private const string Clinician = "dr.jansen";

    private static readonly CallRules Rules = CovidOxygenProtocol.Default.Calls;

    private readonly FakeTimeProvider _time = new(SpotCheck.MorningRound);
    private readonly AlertBook _book = new();
    private int _calls;

    [Theory]
    // outcome,                      active after, claimed by after, escalation pending, retry after (min)
    [InlineData(CallOutcome.ResolvedAtHome, false, Anna, false, null)]
    [InlineData(CallOutcome.Remeasure, true, Anna, false, 15)]
    [InlineData(CallOutcome.Escalated, true, Anna, true, null)]
    [InlineData(CallOutcome.EmergencyReferral, false, Anna, true, null)]
    [InlineData(CallOutcome.Unreachable, true, null, false, 15)]
    public void Each_outcome_has_its_effect_on_an_orange_alert(CallOutcome outcome, bool active, string? claimedBy, bool escalated, int? retryMinutes)
    {
        var alertId = Raise(spo2: 93);
        _time.Advance(TimeSpan.FromMinutes(4));
        var now = _time.GetUtcNow();

        var alert = Call(alertId, Anna, outcome, "belde om 08:04");

        alert.IsActive.Should().Be(active);
        alert.ClaimedBy.Should().Be(claimedBy);
        (alert.Escalation is { IsPending: true }).Should().Be(escalated);
        alert.RetryAt.Should().Be(retryMinutes is { } m ? now.AddMinutes(m) : null);
        alert.Calls.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            By = Anna,
            At = now,
            Outcome = outcome,
            Note = "belde om 08:04",
        });
        if (!active)
        {
            alert.ResolvedBy.Should().Be(Anna);
            alert.Outcome.Should().Be(outcome.ToCode());
        }
    }

    [Fact]
    public void An_unreachable_patient_with_a_red_alert_is_called_again_after_five_minutes_and_waits_from_then()
    {
        var alertId = Raise(spo2: 88);
        var now = _time.GetUtcNow();

        var alert = Call(alertId, Anna, CallOutcome.Unreachable);

        alert.RetryAt.Should().Be(now.AddMinutes(5));
        alert.WaitingFrom.Should().Be(now.AddMinutes(5));
        alert.ClaimedBy.Should().BeNull();
        _book.Claim(alertId, Bram, now).ClaimedBy.Should().Be(Bram);
    }

    [Fact]
    public void An_escalation_goes_to_the_responsible_clinician_with_the_nurses_note()
    {
        var alertId = Raise(spo2: 88);

        var escalation = Call(alertId, Anna, CallOutcome.Escalated, "benauwd, sat 87 na hermeting").Escalation!;

        escalation.Should().BeEquivalentTo(new { To = Clinician, By = Anna, Note = "benauwd, sat 87 na hermeting", Emergency = false });
        escalation.IsPending.Should().BeTrue();
    }

    [Fact]
    public void Escalating_twice_while_the_first_is_pending_is_refused()
    {
        var alertId = Raise(spo2: 88);
        Call(alertId, Anna, CallOutcome.Escalated);

        var again = () => Call(alertId, Anna, CallOutcome.Escalated);

        again.Should().Throw<AlertTransitionException>().WithMessage($"*already escalated to {Clinician}*");
    }

    [Fact]
    public void A_call_on_an_alert_a_colleague_holds_is_refused()
    {
        var alertId = Raise(spo2: 93);
        _book.Claim(alertId, Bram, _time.GetUtcNow());

        var call = () => Call(alertId, Anna, CallOutcome.ResolvedAtHome);

        call.Should().Throw<AlertTransitionException>().WithMessage($"*claimed by {Bram}*");
        _book.Find(alertId)!.Calls.Should().BeNull();
    }

    [Fact]
    public void A_call_on_a_resolved_alert_is_refused()
    {
        var alertId = Raise(spo2: 93);
        Call(alertId, Anna, CallOutcome.ResolvedAtHome);

        var call = () => Call(alertId, Anna, CallOutcome.Remeasure);

        call.Should().Throw<AlertTransitionException>();
    }

    [Fact]
    public void Calling_claims_and_acknowledges_an_open_alert_and_keeps_the_script_answers()
    {
        var alertId = Raise(spo2: 93);
        var answers = new[] { new CallAnswer("hermeting", "94"), new CallAnswer("zuurstof-loopt", "ja") };

        var alert = _book.RecordCall(alertId, new CallReport(Anna, CallOutcome.Remeasure, null, answers), Rules, Clinician, _time.GetUtcNow(), () => "call-1");

        alert.Status.Should().Be(AlertStatus.Acknowledged);
        alert.AcknowledgedBy.Should().Be(Anna);
        alert.ClaimedBy.Should().Be(Anna);
        alert.Calls![0].Answers.Should().Equal(answers);
    }

    [Fact]
    public void The_clinician_taking_over_an_escalation_resolves_the_alert()
    {
        var alertId = Raise(spo2: 88);
        Call(alertId, Anna, CallOutcome.Escalated);
        _time.Advance(TimeSpan.FromMinutes(7));
        var now = _time.GetUtcNow();

        var alert = _book.AcceptEscalation(alertId, Clinician, "opname geregeld", now);

        alert.IsActive.Should().BeFalse();
        alert.ResolvedBy.Should().Be(Clinician);
        alert.Outcome.Should().Be("escalated");
        alert.Escalation.Should().BeEquivalentTo(new { AcceptedBy = Clinician, AcceptedAt = now, AcceptNote = "opname geregeld" });
    }

    [Fact]
    public void Seeing_an_emergency_referral_marks_it_seen_and_keeps_the_nurses_resolution()
    {
        var alertId = Raise(spo2: 84);
        Call(alertId, Anna, CallOutcome.EmergencyReferral, "ambulance gebeld");

        var alert = _book.AcceptEscalation(alertId, Clinician, null, _time.GetUtcNow());

        alert.ResolvedBy.Should().Be(Anna);
        alert.Outcome.Should().Be("emergency-referral");
        alert.Escalation!.IsPending.Should().BeFalse();
    }

    [Fact]
    public void Accepting_without_a_pending_escalation_is_refused()
    {
        var alertId = Raise(spo2: 88);

        var accept = () => _book.AcceptEscalation(alertId, Clinician, null, _time.GetUtcNow());

        accept.Should().Throw<AlertTransitionException>();
    }

    [Theory]
    [InlineData("resolved-at-home", CallOutcome.ResolvedAtHome)]
    [InlineData("remeasure", CallOutcome.Remeasure)]
    [InlineData("escalated", CallOutcome.Escalated)]
    [InlineData("emergency-referral", CallOutcome.EmergencyReferral)]
    [InlineData("unreachable", CallOutcome.Unreachable)]
    public void Outcome_codes_read_back(string code, CallOutcome outcome)
    {
        CallOutcomeCodes.TryParse(code, out var parsed).Should().BeTrue();
        parsed.Should().Be(outcome);
        outcome.ToCode().Should().Be(code);
    }

    [Theory]
    [InlineData("resolved")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_outcome_codes_are_refused(string? code) =>
        CallOutcomeCodes.TryParse(code, out _).Should().BeFalse();

    private Alert Call(string alertId, string by, CallOutcome outcome, string? note = null) =>
        _book.RecordCall(alertId, new CallReport(by, outcome, note, []), Rules, Clinician, _time.GetUtcNow(), () => $"call-{++_calls}");

    private string Raise(int spo2) =>
        _book.Apply(SpotCheck.Evaluate(SpotCheck.Of(spo2: spo2, measuredAt: _time.GetUtcNow()), SpotCheck.RoomAir), "patient-1", _time.GetUtcNow(), () => "alert-1")
            .Single().AlertId;
}
