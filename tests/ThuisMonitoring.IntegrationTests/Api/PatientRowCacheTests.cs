using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Patients;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Web;
using ThuisMonitoring.Web.Api;

namespace ThuisMonitoring.IntegrationTests.Api;

/// <summary>
/// Issue 14: the patient list's rows are kept serialised between lists. A kept row is byte for byte what serialising
/// the row afresh writes, and it is made again as soon as anything it shows changed: the summary, the directory
/// record, the clinician's display name, the next measurement due; an erased patient's row is dropped.
/// </summary>
public sealed class PatientRowCacheTests
{
    private static readonly DateTimeOffset EnrolledAt = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset Now = EnrolledAt.AddMinutes(30);

    private readonly JsonSerializerOptions _json = ApiJson();
    private readonly PatientRowCache _cache;

    public PatientRowCacheTests() => _cache = new PatientRowCache(Options.Create(new JsonOptions()).Configured());

    [Fact]
    public void A_kept_row_is_the_row_a_fresh_serialisation_writes_and_is_not_serialised_again()
    {
        var (record, summary) = Patient("p-001");

        var first = _cache.RowOf(record, summary, "Dr. Jansen", Now);
        var second = _cache.RowOf(record, summary, "Dr. Jansen", Now);

        first.Should().Equal(JsonSerializer.SerializeToUtf8Bytes(PatientRows.Of(record, summary, "Dr. Jansen", Now), _json));
        second.Should().BeSameAs(first, "nothing the row shows changed");
    }

    [Fact]
    public void A_changed_summary_is_serialised_again()
    {
        var (record, summary) = Patient("p-001");
        var before = _cache.RowOf(record, summary, "Dr. Jansen", Now);

        var ended = summary with { State = EpisodeState.Ended, Level = Level.Orange };
        var after = _cache.RowOf(record, ended, "Dr. Jansen", Now);

        after.Should().NotEqual(before);
        Row(after).GetProperty("state").GetString().Should().Be("ended");
        Row(after).GetProperty("level").GetString().Should().Be("orange");
    }

    [Fact]
    public void A_changed_directory_record_is_serialised_again()
    {
        var (record, summary) = Patient("p-001");
        _cache.RowOf(record, summary, "Dr. Jansen", Now);

        var moved = record with { Phone = "06-12345678" };

        Row(_cache.RowOf(moved, summary, "Dr. Jansen", Now)).GetProperty("phone").GetString().Should().Be("06-12345678");
    }

    [Fact]
    public void A_renamed_clinician_is_shown_by_the_next_list()
    {
        var (record, summary) = Patient("p-001");
        _cache.RowOf(record, summary, "Dr. Jansen", Now);

        var renamed = _cache.RowOf(record, summary, "Dr. Jansen-de Vries", Now);

        Row(renamed).GetProperty("responsibleClinicianName").GetString().Should().Be("Dr. Jansen-de Vries");
    }

    [Fact]
    public void The_next_measurement_due_is_that_of_the_time_of_the_list()
    {
        var (record, summary) = Patient("p-001");
        var now = _cache.RowOf(record, summary, "Dr. Jansen", Now);
        var tomorrow = Now.AddDays(1);

        var later = _cache.RowOf(record, summary, "Dr. Jansen", tomorrow);

        Row(now).GetProperty("nextMeasurementDue").GetDateTimeOffset().Should().Be(summary.NextMeasurementDue(Now)!.Value);
        Row(later).GetProperty("nextMeasurementDue").GetDateTimeOffset().Should().Be(summary.NextMeasurementDue(tomorrow)!.Value);
        later.Should().Equal(JsonSerializer.SerializeToUtf8Bytes(PatientRows.Of(record, summary, "Dr. Jansen", tomorrow), _json));
    }

    [Fact]
    public void An_erased_patients_row_is_dropped_at_once()
    {
        var (record, summary) = Patient("p-001");
        var (other, otherSummary) = Patient("p-002");
        _cache.RowOf(record, summary, "Dr. Jansen", Now);
        _cache.RowOf(other, otherSummary, "Dr. Jansen", Now);

        _cache.Forget("p-001");

        _cache.Count.Should().Be(1);
    }

    [Fact]
    public void The_rows_of_patients_no_longer_in_the_directory_are_dropped_by_the_next_list()
    {
        var (record, summary) = Patient("p-001");
        var (other, otherSummary) = Patient("p-002");
        _cache.RowOf(record, summary, "Dr. Jansen", Now);
        _cache.RowOf(other, otherSummary, "Dr. Jansen", Now);

        _cache.KeepOnly([other]);

        _cache.Count.Should().Be(1);
        _cache.RowOf(other, otherSummary, "Dr. Jansen", Now).Should().NotBeEmpty();
        _cache.Count.Should().Be(1, "p-002's row was kept");
    }

    private static (PatientRecord Record, PatientSummary Summary) Patient(string patientId)
    {
        var enrolment = new Enrolment(patientId, Pathway.EarlyDischarge, "jansen", "st-anna", 2.0, null, EnrolledAt);
        var summary = PatientSummary.Of(patientId, Episode.Start(enrolment), CovidOxygenProtocol.Default, EnrolledAt);
        var record = new PatientRecord(patientId, $"Patient {patientId}", new DateOnly(1950, 3, 1), null, Pathway.EarlyDischarge,
            "jansen", "st-anna", EnrolledAt);
        return (record, summary);
    }

    private static JsonElement Row(byte[] json) => JsonDocument.Parse(json).RootElement;

    private static JsonSerializerOptions ApiJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        StaffWebExtensions.Configure(options);
        return options;
    }
}

internal static class JsonOptionsExtensions
{
    /// <summary>The API's one JSON style (<see cref="StaffWebExtensions.Configure"/>), as the host configures it.</summary>
    public static IOptions<JsonOptions> Configured(this IOptions<JsonOptions> options)
    {
        StaffWebExtensions.Configure(options.Value.SerializerOptions);
        return options;
    }
}
