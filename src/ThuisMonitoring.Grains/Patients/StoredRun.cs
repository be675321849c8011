using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Monitoring;

namespace ThuisMonitoring.Grains.Patients;

/// <summary>
/// One message's rows as the catch-up read them back from the measurement store (<see cref="Count"/> rows of
/// <see cref="Rows"/> from <see cref="Start"/>): what they say about the flags already written.
/// </summary>
internal readonly record struct StoredRun(IReadOnlyList<StoredMeasurement> Rows, int Start, int Count)
{
    /// <summary>
    /// The flags of <paramref name="flags"/> the stored rows do not carry yet (null when none is left);
    /// <paramref name="kept"/>: how many a row already carried, the same flag and artefact.
    /// </summary>
    public DeviceFlags? Unwritten(DeviceFlags flags, out int kept)
    {
        kept = 0;
        List<SampleFlag>? unwritten = null;
        for (var i = 0; i < flags.Samples.Count; i++)
        {
            var sample = flags.Samples[i];
            if (IsStored(sample))
            {
                kept++;
                unwritten ??= [.. flags.Samples.Take(i)];
            }
            else
            {
                unwritten?.Add(sample);
            }
        }

        if (unwritten is null)
        {
            return flags;
        }

        return unwritten.Count == 0 ? null : flags with { Samples = unwritten };
    }

    private bool IsStored(SampleFlag sample)
    {
        for (var i = Start; i < Start + Count; i++)
        {
            var row = Rows[i];
            if (row.Flag is not null && row.Measurement.MeasuredAt == sample.MeasuredAt)
            {
                return row.Flag == sample.Flag && row.Artefact == sample.Artefact;
            }
        }

        return false;
    }
}
