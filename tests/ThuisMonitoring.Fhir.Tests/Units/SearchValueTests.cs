using Hl7.Fhir.Model;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Fhir.Resources;
using ThuisMonitoring.Fhir.Search;
using ThuisMonitoring.Fhir.Tests.Support;

namespace ThuisMonitoring.Fhir.Tests.Units;

/// <summary>The pure parts of the adapter: date ranges, BSN, Observation ids, and the mapping of a measurement.</summary>
public sealed class SearchValueTests
{
    private static readonly DateTimeOffset Latest = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Date_prefixes_narrow_one_range_at_the_precision_given()
    {
        var range = DateRange.Read(["ge2026-12-01", "lt2026-12-02T06:00:00+01:00"], Latest, out var problem)!;

        problem.Should().BeNull();
        range.From.Should().Be(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        range.To.Should().Be(new DateTimeOffset(2026, 12, 2, 5, 0, 0, TimeSpan.Zero).AddTicks(-1));
        DateRange.Read(["2026-12"], Latest, out _)!.To.Should().Be(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1));
        DateRange.Read(["le2026"], Latest, out _)!.From.Should().Be(DateRange.Earliest);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("ne2026-12-01")]
    [InlineData("ge2026-12-01T08:00")]
    [InlineData("2026-13-01")]
    public void A_date_that_cannot_be_read_is_a_problem(string value)
    {
        DateRange.Read([value], Latest, out var problem).Should().BeNull();
        problem.Should().Contain(value);
    }

    [Theory]
    [InlineData("111222333", true)]
    [InlineData("123456782", true)]
    [InlineData("123456789", false)]
    [InlineData("12345678", false)]
    [InlineData("000000000", false)]
    [InlineData("12345678a", false)]
    public void A_bsn_passes_the_eleven_test(string value, bool valid) => Bsn.IsValid(value).Should().Be(valid);

    [Fact]
    public void An_observation_id_names_patient_time_and_sign()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_796_000_000_123);
        var id = FhirIds.Observation("01a23331d47c70448831936cbee15b66", at, VitalSignCodes.Temperature);

        FhirIds.IsValid(id).Should().BeTrue();
        FhirIds.TryParseObservation(id, out var patientId, out var measuredAt, out var sign).Should().BeTrue();
        (patientId, measuredAt, sign).Should().Be(("01a23331d47c70448831936cbee15b66", at, VitalSignCodes.Temperature));
        FhirIds.TryParseObservation("x-1-unknown", out _, out _, out _).Should().BeFalse();
        FhirIds.TryParseObservation("x-abc-hr", out _, out _, out _).Should().BeFalse();
    }

    [Fact]
    public void A_measurement_is_one_valid_vital_signs_observation_per_sign()
    {
        var at = new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.FromHours(1));
        var stored = new StoredMeasurement("01a23331d47c70448831936cbee15b66", "oximeter-1", null, DeviceKind.Oximeter,
            new Measurement(at, Spo2: 93, HeartRate: 88, OxygenFlow: 0, MessageId: "m1"), at.AddSeconds(2));

        var observations = ObservationResource.From(stored).ToList();

        observations.Select(o => o.Code.Coding[0].Code).Should().Equal("59408-5", "8867-4", "3151-8");
        observations[0].Component.Single().Value.Should().BeOfType<FhirBoolean>().Which.Value.Should().BeFalse("0 L/min is room air");
        observations.ForEach(FhirValidation.ShouldBeValid);
    }
}
