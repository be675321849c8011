using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ThuisMonitoring.DeviceSimulator.Api;
using ThuisMonitoring.DeviceSimulator.Scenarios;

namespace ThuisMonitoring.DeviceSimulator.Demo;

/// <summary>
/// Seeds a small demo region through the staff API with the admin login: a monitoring centre serving a hospital and a
/// GP practice (<see cref="DemoStaff"/>), a nurse, a GP and a pulmonologist, and
/// patients with Dutch names on the three pathways, each with a bound oximeter or patient app.
/// </summary>
public static partial class DemoRegion
{
    private static readonly string[] Pathways = ["early-discharge", "emergency-department", "general-practice"];

    /// <summary>Seeds the region with a client of its own for <see cref="DemoRegionOptions.ApiBaseAddress"/>.</summary>
    public static Task<DemoRegionSeed> SeedAsync(
        DemoRegionOptions options, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        SeedAsync(PlatformApi.For(options.ApiBaseAddress), options, logger, cancellationToken);

    /// <summary>Seeds the region through <paramref name="api"/> (which is signed in as the admin afterwards).</summary>
    public static async Task<DemoRegionSeed> SeedAsync(
        PlatformApi api, DemoRegionOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        ArgumentOutOfRangeException.ThrowIfNegative(options.PatientCount);
        var scenarios = options.Scenarios.Count == 0
            ? ScenarioCatalog.All
            : options.Scenarios.Select(ScenarioCatalog.Get).ToArray();

        await api.WaitUntilReadyAsync(options.ReadyTimeout, cancellationToken);
        await api.SignInAsync(options.AdminUsername, options.AdminPassword, cancellationToken);
        foreach (var organisation in DemoStaff.Organisations)
        {
            await api.CreateOrganisationAsync(organisation, cancellationToken);
        }

        foreach (var client in DemoStaff.ClientsOfCentre)
        {
            await api.AddClientAsync(DemoStaff.Centre, client, cancellationToken);
        }

        foreach (var user in DemoStaff.Users(options.StaffPassword))
        {
            var created = await api.CreateUserAsync(user, cancellationToken);
            LogUser(logger, user.Username, user.Role, created ? "created" : "exists already");
        }

        var existing = options.ReuseExistingPatients
            ? await ExistingPatientsAsync(api, logger, cancellationToken)
            : new Dictionary<(string, string), string>();
        var runTag = NewRunTag();
        var plans = Enumerable.Range(0, options.PatientCount)
            .Select(i => Plan(i, options.Seed, scenarios[i % scenarios.Count]))
            .ToArray();

        var seeded = new ConcurrentDictionary<int, SimulatedPatient>();
        var reused = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, plans.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var plan = plans[i];
                if (!existing.TryGetValue((plan.Patient.Name, plan.Patient.BirthDate), out var patientId))
                {
                    patientId = await api.EnrolPatientAsync(plan.Patient, ct);
                }
                else
                {
                    Interlocked.Increment(ref reused);
                }

                var deviceId = string.Create(CultureInfo.InvariantCulture, $"{options.DevicePrefix}-{runTag}-{i + 1:D4}");
                var binding = await api.BindDeviceAsync(patientId, deviceId, plan.Scenario.PreferredDevice, ct);
                seeded[i] = new SimulatedPatient(
                    patientId, plan.Patient.Name, plan.Patient.Pathway, plan.Patient.ResponsibleClinician,
                    plan.Patient.OxygenFlow, binding.DeviceId, binding.Secret, plan.Scenario.PreferredDevice, plan.Scenario.Name);
            });

        var patients = Enumerable.Range(0, plans.Length).Select(i => seeded[i]).ToArray();
        LogSeeded(logger, patients.Length, reused, runTag);
        return new DemoRegionSeed(runTag, patients);
    }

    /// <summary>The enrolment of demo patient number <paramref name="index"/>; the same for the same seed.</summary>
    public static NewPatient PatientFor(int index, int seed)
    {
        // Not HashCode.Combine: that is randomised per process, and a re-run must find the same patients.
        var random = new Random(unchecked((seed * 7919) + index) & int.MaxValue);
        var pathway = Pathways[index % Pathways.Length];
        var birthDate = new DateOnly(random.Next(1938, 1966), random.Next(1, 13), random.Next(1, 29));
        var flow = 0.5 * random.Next(1, 7);
        return new NewPatient(
            DutchNames.Name(index),
            birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            pathway,
            DemoStaff.ResponsibleFor(pathway),
            flow,
            // 06-00...: a mobile range not handed out, so a demo number never rings anyone.
            Phone: string.Create(CultureInfo.InvariantCulture, $"06-00{random.Next(0, 1_000_000):D6}"));
    }

    private static (NewPatient Patient, Scenario Scenario) Plan(int index, int seed, Scenario scenario) =>
        (PatientFor(index, seed), scenario);

    private static async Task<Dictionary<(string, string), string>> ExistingPatientsAsync(
        PlatformApi api, ILogger logger, CancellationToken cancellationToken)
    {
        var byNameAndBirth = new Dictionary<(string, string), string>();
        try
        {
            foreach (var patient in await api.GetPatientsAsync(cancellationToken))
            {
                if (patient.BirthDate is not null && patient.State is not "ended")
                {
                    byNameAndBirth.TryAdd((patient.Name, patient.BirthDate), patient.PatientId);
                }
            }
        }
        catch (PlatformApiException e)
        {
            LogNoReuse(logger, e.Message);
        }

        return byNameAndBirth;
    }

    private static string NewRunTag() =>
        Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next())).ToLowerInvariant()[..6];

    [LoggerMessage(Level = LogLevel.Information, Message = "User {Username} ({Role}) {Outcome}")]
    private static partial void LogUser(ILogger logger, string username, string role, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} patients ({Reused} already enrolled, each with a new device tagged {RunTag})")]
    private static partial void LogSeeded(ILogger logger, int count, int reused, string runTag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot list patients to reuse them, enrolling new ones: {Reason}")]
    private static partial void LogNoReuse(ILogger logger, string reason);
}
