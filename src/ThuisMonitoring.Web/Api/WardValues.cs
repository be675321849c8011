using System.Globalization;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Grains.Contracts;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// The ward's values posted with an enrolment, checked with the rules of a device measurement (CONTRACT section 2),
/// and the eligibility check on them.
/// </summary>
public static class WardValues
{
    private const int MaxValues = 5_000;
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    /// <summary>The values as measurements, or <paramref name="problem"/> naming the first bad field (wardValues[i].field).</summary>
    public static IReadOnlyList<Measurement> Read(IReadOnlyList<WardValueRequest?>? values, DateTimeOffset now, out string? problem)
    {
        problem = null;
        if (values is null)
        {
            return [];
        }

        if (values.Count > MaxValues)
        {
            problem = $"wardValues may hold at most {MaxValues} measurements.";
            return [];
        }

        var measurements = new List<Measurement>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var field = $"wardValues[{i}]";
            problem = Check(values[i], field, now, out var measurement);
            if (problem is not null)
            {
                return [];
            }

            measurements.Add(measurement!);
        }

        return measurements.OrderBy(m => m.MeasuredAt).ToList();
    }

    /// <summary>
    /// Runs the check in the patient's grain. The patient is enrolled by then, and eligibility only ever warns, so a
    /// failing check is logged and the enrolment still answers 201 (without a result) rather than inviting a second
    /// enrolment of the same patient by a retry.
    /// </summary>
    public static async Task<EligibilityDto?> CheckEligibilityAsync(IPatientGrain grain, EligibilityRequest request, ILogger logger)
    {
        try
        {
            return EligibilityDto.From(await grain.CheckEligibility(request));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Eligibility check failed after enrolment of patient {PatientId}", grain.GetPrimaryKeyString());
            return null;
        }
    }

    private static string? Check(WardValueRequest? value, string field, DateTimeOffset now, out Measurement? measurement)
    {
        measurement = null;
        if (value is null)
        {
            return $"{field} must be a measurement object.";
        }

        if (!TryParseInstant(value.MeasuredAt, out var measuredAt))
        {
            return $"{field}.measuredAt is required as an RFC 3339 time with offset.";
        }

        if (measuredAt > now + FutureTolerance || measuredAt < now - MaxAge)
        {
            return $"{field}.measuredAt must be within the last 7 days and not more than 5 minutes in the future.";
        }

        var outOfRange =
            OutOf(value.Spo2, MeasurementRanges.Spo2, "spo2") ?? OutOf(value.HeartRate, MeasurementRanges.HeartRate, "heartRate")
            ?? OutOf(value.RespiratoryRate, MeasurementRanges.RespiratoryRate, "respiratoryRate") ?? OutOf(value.OxygenFlow, MeasurementRanges.OxygenFlow, "oxygenFlow")
            ?? OutOf(value.Temperature, MeasurementRanges.Temperature, "temperature") ?? OutOf(value.PerfusionIndex, MeasurementRanges.PerfusionIndex, "perfusionIndex");
        if (outOfRange is not null)
        {
            return $"{field}.{outOfRange}";
        }

        Feeling? feeling = null;
        if (value.Feeling is not null)
        {
            if (!FeelingNames.TryParse(value.Feeling, out var parsed))
            {
                return $"{field}.feeling must be better, same, worse or much-worse.";
            }

            feeling = parsed;
        }

        measurement = new Measurement(measuredAt, value.Spo2, value.HeartRate, value.RespiratoryRate, value.OxygenFlow, value.Temperature,
            value.PerfusionIndex, feeling, value.Exertion ?? false);
        return measurement.HasContent ? null : $"{field} must hold at least one vital sign or feeling.";
    }

    private static string? OutOf(int? value, WholeRange range, string name) =>
        OutOf(value, new NumberRange(range.Min, range.Max), name);

    // The one definition of the ranges (MeasurementRanges); NaN is out of every range.
    private static string? OutOf(double? value, NumberRange range, string name) =>
        value is { } v && !range.Contains(v)
            ? string.Create(CultureInfo.InvariantCulture, $"{name} must be from {range.Min} to {range.Max}.")
            : null;

    private static bool TryParseInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        // RFC 3339 requires the offset: a time without one would silently take the server's zone.
        var timePart = text is null ? -1 : text.IndexOfAny(['T', 't', ' ']);
        if (timePart < 0 || !(text!.EndsWith('Z') || text.EndsWith('z') || text.IndexOfAny(['+', '-'], timePart) > 0))
        {
            return false;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }
}
