using System.Globalization;

namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>
/// Collects the errors of one payload without allocating until the first error, and caps how many are
/// reported so a 600-item batch of garbage does not produce a 600-line answer.
/// </summary>
internal struct PayloadErrorList
{
    private List<PayloadError>? _items;
    private int _unreported;

    /// <summary>Set when the payload cannot be read any further (not JSON, nested too deep, too many items).</summary>
    public bool IsFatal { get; private set; }

    public readonly int Count => (_items?.Count ?? 0) + _unreported;

    public void Add(FieldPath path, string message)
    {
        _items ??= new List<PayloadError>(4);
        if (_items.Count < PayloadLimits.MaxReportedErrors)
        {
            _items.Add(new PayloadError(path.ToString(), message));
        }
        else
        {
            _unreported++;
        }
    }

    public void AddFatal(FieldPath path, string message)
    {
        Add(path, message);
        IsFatal = true;
    }

    public IReadOnlyList<PayloadError> ToList()
    {
        if (_items is null)
        {
            return [];
        }

        if (_unreported > 0)
        {
            _items.Add(new PayloadError(
                string.Empty,
                string.Create(CultureInfo.InvariantCulture, $"{_unreported} more error(s) not listed.")));
            _unreported = 0;
        }

        return _items;
    }
}
