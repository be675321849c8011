using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ThuisMonitoring.Testing;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// Issue 16: the centre's capacity board in the console at 1366x768 in Dutch (patients, nurses on shift, the light,
/// equipment, the 7-day prognosis, teams by postcode), live when a second nurse opens a console; and the team
/// coordinator's page, where an intake request is accepted. Each test sets up its own centre through the API, so
/// other tests' patients do not show on its board.
/// </summary>
[Collection(SharedConsoleSite.Name)]
public sealed class CapacityBoardPageTests(ConsoleSite site)
{
    private static readonly BrowserNewContextOptions Screen = new() { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } };

    [Fact]
    public async Task A_nurse_sees_the_board_with_light_equipment_and_prognosis_and_it_follows_a_colleague_coming_on_shift()
    {
        var region = await CapacityRegion.CreateAsync(site.Host);
        await region.SetThresholdsAsync(green: 2, red: 4);
        await region.SetStockAsync(concentrators: 12, meters: 15);
        foreach (var name in new[] { "A. Bakker", "J. de Vries", "M. Visser" })
        {
            await region.EnrolAsync(name);
        }

        await region.SetTeamLightAsync("morning", "green", null);
        await region.SetTeamLightAsync("evening", "orange", "Na 18:00 overleg met de coördinator");
        var nurse = await region.HireAsync("nurse", region.Centre, "V. de Boer");

        await using var console = await site.OpenConsoleAsync(Screen);
        await console.SignInAsync(nurse);
        var strip = console.Page.GetByTestId("capacity-strip");
        await Expect(strip).ToHaveAttributeAsync("data-level", "orange");
        await Expect(strip).ToContainTextAsync("3 patiënten in monitoring");

        await console.Page.GetByTestId("nav-capacity").ClickAsync();
        var page = console.Page.GetByTestId("capacity");
        await Expect(page.Locator("h2")).ToHaveTextAsync("Capaciteit meldkamer");
        await Expect(page.GetByTestId("capacity-level")).ToHaveAttributeAsync("data-level", "orange");
        await Expect(page.GetByTestId("capacity-level")).ToHaveTextAsync("Oranje: krap");
        await Expect(page.GetByTestId("capacity-patients")).ToContainTextAsync("3");
        await Expect(page.GetByTestId("capacity-nurses")).ToContainTextAsync("1");
        await Expect(page.GetByTestId("capacity-per-nurse")).ToContainTextAsync("3");
        await Expect(page.GetByTestId("capacity-equipment-concentrators").Locator("td")).ToHaveTextAsync(["9", "3"]);
        await Expect(page.GetByTestId("capacity-equipment-meters").Locator("td")).ToHaveTextAsync(["12", "3"]);
        await Expect(page.GetByTestId("capacity-prognosis").Locator(".prognosis-bars li")).ToHaveCountAsync(7);
        await Expect(page.GetByTestId("capacity-prognosis")).ToContainTextAsync("aanmeldingen per dag");

        await page.GetByTestId("capacity-postcode").FillAsync($"{region.Area} AB");
        await page.GetByTestId("capacity-team-search").ClickAsync();
        var team = page.GetByTestId($"team-{region.TeamId}");
        await Expect(team.GetByTestId("team-light-morning")).ToHaveAttributeAsync("data-level", "green");
        await Expect(team.GetByTestId("team-light-evening")).ToContainTextAsync("Na overleg");
        await Expect(team.GetByTestId("team-light-night")).ToContainTextAsync("Onbekend");

        var shot = ClinicianScreens.Artifact("capacity-board.png");
        await console.Page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
        var docs = Path.Combine(RepositoryRoot.Path, "docs", "screenshots", "capacity-board.png");
        Directory.CreateDirectory(Path.GetDirectoryName(docs)!);
        File.Copy(shot, docs, overwrite: true);

        // A colleague opens a console: the board follows over the hub, without a reload.
        await console.MarkDocumentAsync();
        await using (var colleague = await site.OpenConsoleAsync(Screen))
        {
            await colleague.SignInAsync(await region.HireAsync("nurse", region.Centre, "R. Smit"));
            await Expect(page.GetByTestId("capacity-nurses")).ToContainTextAsync("2", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("capacity-level")).ToHaveAttributeAsync("data-level", "green");
            await Expect(page.GetByTestId("capacity-per-nurse")).ToContainTextAsync("1,5");
        }

        await Expect(page.GetByTestId("capacity-nurses")).ToContainTextAsync("1", new() { Timeout = 30_000 });
        (await console.IsSameDocumentAsync()).Should().BeTrue("the board updated live, not by reloading");

        await console.LanguageToggle.ClickAsync();
        await Expect(page.Locator("h2")).ToHaveTextAsync("Centre capacity");
        await Expect(page.GetByTestId("capacity-level")).ToHaveTextAsync("Orange: tight");
        console.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_nurse_sends_an_intake_request_from_the_patient_and_the_team_coordinator_accepts_it_on_the_team_page()
    {
        var region = await CapacityRegion.CreateAsync(site.Host);
        var patientId = await region.EnrolAsync("K. Jansen", address: $"Kerkstraat 4, {region.Area} CD Rijnstad");
        await region.SetTeamLightAsync("morning", "orange", null);
        var nurse = await region.HireAsync("nurse", region.Centre, "V. de Boer");
        await using (var nurseConsole = await site.OpenConsoleAsync(Screen))
        {
            // The nurse finds the team serving the patient's postcode on the patient's detail and sends the request.
            await nurseConsole.SignInAsync(nurse);
            await nurseConsole.Page.EvaluateAsync($"() => {{ location.hash = '#/patients/{patientId}'; }}");
            var panel = nurseConsole.Page.GetByTestId("intake-panel");
            await panel.Locator("summary").ClickAsync();
            await Expect(panel.GetByTestId("intake-team")).ToHaveValueAsync(region.TeamId);
            await panel.GetByTestId("intake-need").FillAsync("Wondzorg en hulp bij aankleden, vanaf morgen");
            await panel.GetByTestId("intake-send").ClickAsync();
            await Expect(panel.GetByTestId("intake-request")).ToHaveAttributeAsync("data-status", "requested");
            await Expect(panel).ToContainTextAsync("Aangevraagd");
            nurseConsole.Errors.Should().BeEmpty();
        }

        await using var console = await site.OpenConsoleAsync(Screen);
        await console.Page.GetByTestId("login-username").FillAsync(region.Coordinator.Username);
        await console.Page.GetByTestId("login-password").FillAsync(region.Coordinator.Password);
        await console.Page.GetByTestId("login-submit").ClickAsync();
        var page = console.Page.GetByTestId("teams");
        await Expect(page.Locator("h2")).ToHaveTextAsync("Wijkteams");
        await Expect(console.Page.GetByTestId("nav-alerts")).ToBeHiddenAsync();
        await Expect(page.GetByTestId($"team-{region.TeamId}").GetByTestId("team-light-morning")).ToHaveAttributeAsync("data-level", "orange");

        await page.GetByTestId("team-partOfDay").SelectOptionAsync("afternoon");
        await page.GetByTestId("team-level").SelectOptionAsync("red");
        await page.GetByTestId("team-note").FillAsync("Vol tot maandag");
        await page.GetByTestId("team-save").ClickAsync();
        await Expect(page.GetByTestId($"team-{region.TeamId}").GetByTestId("team-light-afternoon")).ToHaveAttributeAsync("data-level", "red");

        var request = page.GetByTestId("team-intake").Locator("li.intake");
        await Expect(request).ToHaveCountAsync(1);
        await Expect(request).ToContainTextAsync("K. Jansen");
        await Expect(request).ToContainTextAsync("Wondzorg en hulp bij aankleden");
        await request.GetByTestId("intake-note").FillAsync("Start morgen 08:30");
        await request.GetByTestId("intake-accept").ClickAsync();
        await Expect(request).ToHaveAttributeAsync("data-status", "accepted");
        await Expect(request).ToContainTextAsync("Geaccepteerd");

        var timeline = await region.TimelineKindsAsync(patientId);
        timeline.Should().Contain(["intake-requested", "intake-accepted"]);
        await console.Page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicianScreens.Artifact("team-coordinator.png"), Animations = ScreenshotAnimations.Disabled });
        console.Errors.Should().BeEmpty();
    }
}

/// <summary>A centre of its own for a capacity test: a hospital it serves, a clinician, a district-nursing team and its coordinator.</summary>
internal sealed class CapacityRegion
{
    private readonly HostProcess _host;
    private readonly HttpClient _admin;

    private CapacityRegion(HostProcess host, HttpClient admin, string unique)
    {
        _host = host;
        _admin = admin;
        Centre = "meldkamer-" + unique;
        Hospital = "ziekenhuis-" + unique;
        DistrictNursing = "wijkzorg-" + unique;
        TeamId = "team-noord-" + unique;
        Area = Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public string Centre { get; }

    public string Hospital { get; }

    public string DistrictNursing { get; }

    public string TeamId { get; }

    public string Area { get; }

    public StaffAccount Clinician { get; private set; } = null!;

    public StaffAccount Coordinator { get; private set; } = null!;

    public static async Task<CapacityRegion> CreateAsync(HostProcess host)
    {
        var region = new CapacityRegion(host, await host.LoginAsync(), Guid.NewGuid().ToString("N")[..8]);
        await RegionSetup.ServesAsync(region._admin, region.Centre, region.Hospital);
        await RegionSetup.OrganisationAsync(region._admin, region.DistrictNursing, "district-nursing");
        region.Clinician = await region.HireAsync("clinician", region.Hospital, "Dr. L. Peters, longarts");
        region.Coordinator = await region.HireAsync("team-coordinator", region.DistrictNursing, "W. Mulder, coördinator wijkteam");
        return region;
    }

    public async Task<StaffAccount> HireAsync(string role, string organisation, string displayName)
    {
        var username = $"{role}-{Guid.NewGuid():N}"[..(role.Length + 9)];
        using var response = await _admin.PostAsJsonAsync("/api/users", new { username, password = Ward.StaffPassword, role, displayName, organisation });
        await ExpectAsync(response, HttpStatusCode.Created);
        return new StaffAccount(username, Ward.StaffPassword, displayName);
    }

    public async Task<string> EnrolAsync(string name, string? address = null)
    {
        using var response = await _admin.PostAsJsonAsync("/api/patients", new
        {
            name,
            birthDate = "1949-11-02",
            pathway = "early-discharge",
            responsibleClinician = Clinician.Username,
            oxygenFlow = 2.0,
            consent = new { scope = "telemonitoring" },
            address,
            concentratorSerial = "CON-" + Guid.NewGuid().ToString("N")[..8],
            meterSerial = "SAT-" + Guid.NewGuid().ToString("N")[..8],
        });
        await ExpectAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("patientId").GetString()!;
    }

    public async Task SetThresholdsAsync(int green, int red)
    {
        using var response = await _admin.PutAsJsonAsync("/api/capacity/thresholds", new { centre = Centre, greenUpToPatientsPerNurse = green, redAbovePatientsPerNurse = red });
        await ExpectAsync(response, HttpStatusCode.OK);
    }

    public async Task SetStockAsync(int concentrators, int meters)
    {
        using var response = await _admin.PutAsJsonAsync("/api/capacity/equipment", new { centre = Centre, concentratorsInStock = concentrators, metersInStock = meters });
        await ExpectAsync(response, HttpStatusCode.OK);
    }

    public async Task SetTeamLightAsync(string partOfDay, string level, string? note)
    {
        using var coordinator = await _host.LoginAsync(Coordinator.Username, Coordinator.Password);
        using var response = await coordinator.PutAsJsonAsync($"/api/capacity/teams/{TeamId}",
            new { organisation = DistrictNursing, name = "Wijkteam Noord", postcodes = new[] { Area }, partOfDay, level, note });
        await ExpectAsync(response, HttpStatusCode.OK);
    }

    public async Task<IReadOnlyList<string>> TimelineKindsAsync(string patientId)
    {
        var timeline = (await _admin.GetFromJsonAsync<List<JsonElement>>($"/api/patients/{patientId}/timeline"))!;
        return [.. timeline.Select(e => e.GetProperty("kind").GetString()!)];
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
