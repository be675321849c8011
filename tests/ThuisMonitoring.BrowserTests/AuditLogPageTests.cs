using Microsoft.Playwright;
using ThuisMonitoring.Testing;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>The audit log (#/audit, issue 9 item 2): a privacy officer sees only it; the admin also checks the chain.</summary>
[Collection(SharedConsoleSite.Name)]
public sealed class AuditLogPageTests(ConsoleSite site)
{
    private static string ScreenshotPath => Path.Combine(RepositoryRoot.Path, "docs", "screenshots", "audit-log.png");

    [Fact]
    public async Task A_privacy_officer_sees_only_the_audit_log_and_filters_it_by_patient_and_user()
    {
        var officer = await site.Ward.AddPrivacyOfficerAsync("fg-de-boer", "Marieke de Boer");
        var patient = await site.Ward.EnrolAsync("Hendrik Smit");
        await using var console = await site.OpenConsoleAsync();

        await console.Page.GetByTestId("login-username").FillAsync(officer.Username);
        await console.Page.GetByTestId("login-password").FillAsync(officer.Password);
        await console.Page.GetByTestId("login-submit").ClickAsync();

        var page = console.Page.GetByTestId("audit-log");
        await Expect(page).ToBeVisibleAsync();
        await Expect(page.Locator("h2")).ToHaveTextAsync("Auditlog (NEN 7513)");
        await Expect(console.Page.GetByTestId("nav-audit")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("nav-alerts")).ToBeHiddenAsync();
        await Expect(console.Page.GetByTestId("nav-patients")).ToBeHiddenAsync();
        await Expect(console.Page.Locator("#alerts")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("audit-verify")).ToHaveCountAsync(0);

        await page.GetByTestId("audit-filter-patient").FillAsync(patient.PatientId);
        await page.GetByTestId("audit-filter-user").FillAsync("admin");
        await page.GetByTestId("audit-search").ClickAsync();

        var rows = page.GetByTestId("audit-record");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToHaveAttributeAsync("data-resource", "device");
        await Expect(rows.First).ToContainTextAsync("Aangemaakt");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-resource", "patient");
        foreach (var row in await rows.AllAsync())
        {
            await Expect(row).ToHaveAttributeAsync("data-patient-id", patient.PatientId);
            await Expect(row).ToHaveAttributeAsync("data-actor", "admin");
        }

        await console.LanguageToggle.ClickAsync();
        await Expect(page.Locator("h2")).ToHaveTextAsync("Audit log (NEN 7513)");
        await Expect(rows.First).ToContainTextAsync("Created");
        console.Errors.Should().BeEmpty();
        console.Requests.Should().NotContain(r => r.Contains("/api/patients", StringComparison.Ordinal) || r.Contains("/hubs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_admin_opens_the_audit_log_from_the_nav_and_checks_the_chain()
    {
        await site.Ward.EnrolAsync("Wilma Kuipers");
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(new StaffAccount("admin", HostProcess.AdminPassword, "Beheerder"));

        await console.Page.GetByTestId("nav-audit").ClickAsync();
        var page = console.Page.GetByTestId("audit-log");
        await Expect(page).ToBeVisibleAsync();
        await Expect(page.GetByTestId("audit-record").First).ToBeVisibleAsync();
        await page.GetByTestId("audit-verify").ClickAsync();

        var chain = page.GetByTestId("audit-chain");
        await Expect(chain).ToHaveAttributeAsync("data-state", "intact");
        await Expect(chain).ToContainTextAsync("Keten intact:");
        console.Errors.Should().BeEmpty();

        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        await console.Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = ScreenshotPath,
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
        });
    }
}
