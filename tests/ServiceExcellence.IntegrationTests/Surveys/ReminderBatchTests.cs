using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Surveys;

/// <summary>One run of the reminder job over several unanswered invitations: each contact gets their own reminder.</summary>
public sealed class ReminderBatchTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Three_due_invitations_remind_each_contact_by_name_for_their_own_client_in_one_query()
    {
        var south = new Team("Client Team South", TeamKind.Client);
        var contoso = new Client("Contoso Pharma", "CRM-2", "Mid-market", 900_000m, south);
        Contact bert = default!;
        var carla = contoso.AddContact("Carla Castro", "carla@contoso.example", "en");
        await _app.ExecuteAsync(async db =>
        {
            db.Teams.Add(south);
            db.Clients.Add(contoso);
            bert = (await db.Clients.Include(c => c.Contacts).SingleAsync(c => c.Id == _data.Northwind.Id)).AddContact("Bert Berg", "bert@northwind.example", "en");
        });
        var contacts = new[] { (_data.Anna, _data.Northwind), (bert, _data.Northwind), (carla, contoso) };
        foreach (var (contact, client) in contacts)
        {
            var recorded = await SurveyLinks.RecordAsync(_app, _data, "WO-" + contact.Name[..4], contact.Id, client.Id);
            await SurveyLinks.MintAsync(_app, recorded.Id);
        }

        _app.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));
        using (_app.Sql.Record())
        {
            Assert.Equal(3, await _app.SendAsync<int>(new SendSurveyReminders.Command()));
            Assert.Single(_app.Sql.Mentioning("\"Contacts\""));
        }

        var reminders = await _app.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == EmailKinds.SurveyReminder).ToListAsync());
        Assert.Equal(3, reminders.Count);
        foreach (var (contact, client) in contacts)
        {
            var reminder = Assert.Single(reminders, m => m.ToAddress == contact.Email);
            Assert.Equal(contact.Name, reminder.ToName);
            Assert.StartsWith("Reminder:", reminder.Subject, StringComparison.Ordinal);
            Assert.Contains(contact.Name, reminder.TextBody, StringComparison.Ordinal);
            Assert.Contains(client.Name, reminder.TextBody, StringComparison.Ordinal);
            Assert.All(contacts.Where(c => c.Item1 != contact), other => Assert.DoesNotContain(other.Item1.Name, reminder.TextBody, StringComparison.Ordinal));
            var invitation = await _app.QueryAsync(db => db.SurveyInvitations.AsNoTracking().SingleAsync(i => i.Id == reminder.SurveyInvitationId));
            Assert.Equal(contact.Id, invitation.ContactId);
        }

        Assert.Equal(0, await _app.SendAsync<int>(new SendSurveyReminders.Command()));
    }
}
