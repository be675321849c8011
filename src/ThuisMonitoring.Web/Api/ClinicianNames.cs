namespace ThuisMonitoring.Web.Api;

/// <summary>
/// The display names of responsible clinicians for one pass over the patients: a ward has a few clinicians for
/// thousands of patients, so each name is looked up once.
/// </summary>
internal sealed class ClinicianNames(AlertPresenter presenter)
{
    private readonly Dictionary<string, string?> _names = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask<string?> OfAsync(string clinician, CancellationToken cancellationToken)
    {
        if (!_names.TryGetValue(clinician, out var name))
        {
            name = await presenter.DisplayNameAsync(clinician, cancellationToken);
            _names[clinician] = name;
        }

        return name;
    }
}
