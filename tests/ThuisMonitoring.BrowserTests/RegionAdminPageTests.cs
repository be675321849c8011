using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using ThuisMonitoring.Testing;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// Issue 11 item 1: the admin's page of the region (#/admin): an organisation added and made a client of the centre,
/// a user added into it, disabled and enabled again, and a password reset — each through the page, each checked
/// against the host.
/// </summary>
[Collection(SharedConsoleSite.Name)]
public sealed class RegionAdminPageTests(ConsoleSite site)
{
    private static string ScreenshotPath => Path.Combine(RepositoryRoot.Path, "docs", "screenshots", "region-admin.png");

    [Fact]
    public async Task The_admin_adds_a_practice_that_the_centre_serves_and_a_user_disables_them_and_resets_their_password()
    {
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(new StaffAccount("admin", HostProcess.AdminPassword, "Beheerder"));
        await console.Page.GetByTestId("nav-admin").ClickAsync();
        var page = console.Page.GetByTestId("region-admin");
        await Expect(page.Locator("h2")).ToHaveTextAsync("Regio en gebruikers");
        await Expect(page.GetByTestId("admin-org-row").Filter(new() { HasText = Ward.Centre })).ToContainTextAsync("Meldkamer");

        await page.GetByTestId("admin-org-id").FillAsync("huisartsen-noord");
        await page.GetByTestId("admin-org-name").FillAsync("Huisartsenpraktijk Noord");
        await page.GetByTestId("admin-org-kind").SelectOptionAsync("general-practice");
        await page.GetByTestId("admin-org-share").CheckAsync();
        await page.GetByTestId("admin-create-organisation").ClickAsync();
        await Expect(page.GetByTestId("admin-message")).ToHaveTextAsync("Organisatie huisartsen-noord is toegevoegd.");
        var practice = page.Locator("[data-testid=admin-org-row][data-organisation=huisartsen-noord]");
        await Expect(practice).ToContainTextAsync("Huisartsenpraktijk");
        await Expect(practice).ToContainTextAsync("Ja");

        await page.GetByTestId("admin-centre").SelectOptionAsync(Ward.Centre);
        await page.GetByTestId("admin-client").SelectOptionAsync("huisartsen-noord");
        await page.GetByTestId("admin-add-client").ClickAsync();
        var centre = page.Locator($"[data-testid=admin-org-row][data-organisation={Ward.Centre}]");
        await Expect(centre).ToContainTextAsync("huisartsen-noord");

        await page.GetByTestId("admin-username").FillAsync("huisarts-noord");
        await page.GetByTestId("admin-display-name").FillAsync("Dr. P. de Wit");
        await page.GetByTestId("admin-role").SelectOptionAsync("clinician");
        await page.GetByTestId("admin-organisation").SelectOptionAsync("huisartsen-noord");
        await page.GetByTestId("admin-password").FillAsync(Ward.StaffPassword);
        await page.GetByTestId("admin-create-user").ClickAsync();
        var user = page.Locator("[data-testid=admin-user][data-username=huisarts-noord]");
        await Expect(user).ToContainTextAsync("huisartsen-noord");
        await Expect(user).ToContainTextAsync("Actief");
        (await TokenStatusAsync("huisarts-noord", Ward.StaffPassword)).Should().Be(HttpStatusCode.OK);

        await page.GetByTestId("admin-toggle-huisarts-noord").ClickAsync();
        await Expect(user).ToHaveAttributeAsync("data-disabled", "true");
        await Expect(user).ToContainTextAsync("Geblokkeerd");
        (await TokenStatusAsync("huisarts-noord", Ward.StaffPassword)).Should().Be(HttpStatusCode.Unauthorized, "a disabled user cannot sign in");
        await page.GetByTestId("admin-toggle-huisarts-noord").ClickAsync();
        await Expect(user).ToHaveAttributeAsync("data-disabled", "false");

        await page.GetByTestId("admin-reset-username").SelectOptionAsync("huisarts-noord");
        await page.GetByTestId("admin-new-password").FillAsync("nieuw-wachtwoord-noord-7");
        await page.GetByTestId("admin-reset-password").ClickAsync();
        await Expect(page.GetByTestId("admin-message")).ToContainTextAsync("opnieuw ingesteld");
        (await TokenStatusAsync("huisarts-noord", "nieuw-wachtwoord-noord-7")).Should().Be(HttpStatusCode.OK);
        (await TokenStatusAsync("huisarts-noord", Ward.StaffPassword)).Should().Be(HttpStatusCode.Unauthorized);

        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        await console.Page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath, FullPage = true, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });

        await console.LanguageToggle.ClickAsync();
        await Expect(page.Locator("h2")).ToHaveTextAsync("Region and users");
        await Expect(user).ToContainTextAsync("Active");
        console.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_nurse_has_no_admin_page()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-geen-beheer", "Sanne Bos");
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(nurse);

        await Expect(console.Page.GetByTestId("nav-alerts")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("nav-admin")).ToBeHiddenAsync();
        await console.Page.GotoAsync("/#/admin");
        await Expect(console.Page.Locator("#alerts")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("region-admin")).ToBeHiddenAsync();
    }

    private async Task<HttpStatusCode> TokenStatusAsync(string username, string password)
    {
        using var response = await site.Host.Http.PostAsJsonAsync("/api/auth/token", new { username, password });
        return response.StatusCode;
    }
}
