using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using MimeKit;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

public sealed class DevMailboxTests : IAsyncLifetime
{
    private const string Token = "AbC123-xyz_7";

    private readonly AppFactory _app = new();
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"se-mail-{Guid.NewGuid():N}");

    private string PickupDirectory => Path.Combine(_root, "mail");

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(PickupDirectory);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData("/Dev/Mailbox")]
    [InlineData("/Dev/Mailbox/Message?name=any.eml")]
    public async Task The_mailbox_does_not_exist_outside_development(string url)
    {
        using var session = await _app.SignInAsync(StaffRole.TeamMember);

        await session.GetPageAsync(url, HttpStatusCode.NotFound);
        var home = await session.GetPageAsync("/");

        Assert.DoesNotContain("Mailbox (dev)", home.QuerySelector("nav")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_an_empty_mailbox_says_how_to_get_an_email()
    {
        using var session = await SignInToDevelopmentAsync(StaffRole.TeamMember);

        var page = await session.GetPageAsync("/Dev/Mailbox");

        Assert.Equal("No emails yet. Record a transaction and the survey email appears here within a few seconds.", page.QuerySelector(".empty-state p")!.TextContent);
        Assert.NotNull(page.QuerySelector("nav a[href='/Dev/Mailbox']"));
    }

    [Fact]
    public async Task In_development_any_member_of_staff_reads_the_survey_email_and_its_links()
    {
        await WriteEmailAsync("20260615090000000-first.eml", "Older email");
        await WriteEmailAsync("20260615090500000-survey.eml", "How was your field repair?");
        File.SetLastWriteTimeUtc(Path.Combine(PickupDirectory, "20260615090000000-first.eml"), DateTime.UtcNow.AddMinutes(-5));
        using var session = await SignInToDevelopmentAsync(StaffRole.TeamMember);

        var list = await session.GetPageAsync("/Dev/Mailbox");
        var rows = list.QuerySelectorAll("tbody tr");
        Assert.Equal(["How was your field repair?", "Older email"], rows.Select(r => r.QuerySelector("a")!.TextContent).ToArray());
        Assert.Contains("anna@northwind.example", rows[0].TextContent, StringComparison.Ordinal);

        var message = await session.GetPageAsync(rows[0].QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal("How was your field repair?", message.QuerySelector("h1")!.TextContent);
        Assert.Contains("Anna Andersen", message.QuerySelector("dl")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Dear Anna", message.QuerySelector("pre")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            [
                $"http://localhost:5000/r/{Token}?score=1",
                $"http://localhost:5000/r/{Token}?score=5",
                $"http://localhost:5000/r/{Token}",
                $"http://localhost:5000/u/{Token}",
            ],
            message.QuerySelectorAll("#links a").Select(a => a.GetAttribute("href")).ToArray());
    }

    [Fact]
    public async Task Emails_in_the_pickup_folder_are_named_after_the_apps_clock()
    {
        _app.Settings["Email:PickupDirectory"] = PickupDirectory;
        await _app.ExecuteAsync(db =>
        {
            db.OutboxMessages.Add(new OutboxMessage(EmailKinds.AlertRaised, "anna@northwind.example", "Anna Andersen", "Alert", "An alert.", "<p>An alert.</p>", _app.Clock.GetUtcNow()));
            return Task.CompletedTask;
        });
        _app.Clock.Advance(TimeSpan.FromSeconds(1.5));

        Assert.Equal(1, await _app.ProcessOutboxAsync());

        Assert.StartsWith("20260615090001500-", Path.GetFileName(Assert.Single(Directory.GetFiles(PickupDirectory))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.eml")]
    [InlineData("..%2Foutside.eml")]
    [InlineData("..%5Coutside.eml")]
    [InlineData("mail%2F20260615090000000-survey.eml")]
    [InlineData("missing.eml")]
    [InlineData("")]
    public async Task A_name_that_is_not_a_file_of_the_pickup_folder_is_not_found(string name)
    {
        await WriteEmailAsync("20260615090000000-survey.eml", "Survey");
        await File.WriteAllTextAsync(Path.Combine(_root, "outside.eml"), "Subject: secret\r\n\r\nnot for you\r\n");
        using var session = await SignInToDevelopmentAsync(StaffRole.TeamMember);

        await session.GetPageAsync($"/Dev/Mailbox/Message?name={name}", HttpStatusCode.NotFound);
    }

    private async Task<StaffSession> SignInToDevelopmentAsync(StaffRole role)
    {
        var development = _app.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Email:PickupDirectory", PickupDirectory);
            builder.UseSetting("Database:SeedDemoData", "false");
            builder.UseSetting("Security:SecureCookies", "true");
        });
        var person = await _app.CreatePersonAsync(role);
        var session = new StaffSession(development.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false }));
        await session.SignInAsync(person.Email, AppFactory.Password);
        return session;
    }

    private async Task WriteEmailAsync(string fileName, string subject)
    {
        using var message = new MimeMessage { Subject = subject };
        message.From.Add(new MailboxAddress("ServiceExcellence", "feedback@serviceexcellence.example"));
        message.To.Add(new MailboxAddress("Anna Andersen", "anna@northwind.example"));
        message.Body = new BodyBuilder
        {
            TextBody = $"""
                Dear Anna,

                How satisfied are you with our work?
                  1 – Very poor: http://localhost:5000/r/{Token}?score=1
                  5 – Excellent: http://localhost:5000/r/{Token}?score=5

                Open the survey: http://localhost:5000/r/{Token}.

                Unsubscribe: http://localhost:5000/u/{Token}
                """,
            HtmlBody = $"""<p>Dear Anna, <a href="http://localhost:5000/r/{Token}">rate us</a></p>""",
        }.ToMessageBody();
        await message.WriteToAsync(Path.Combine(PickupDirectory, fileName));
    }
}
