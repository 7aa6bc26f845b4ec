using System.Security.Claims;
using CsCheck;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.ApiKeys;
using ServiceExcellence.Application.Clients;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.FailureCategories;
using ServiceExcellence.Application.Guarantees;
using ServiceExcellence.Application.Initiatives;
using ServiceExcellence.Application.People;
using ServiceExcellence.Application.ServiceLines;
using ServiceExcellence.Application.Teams;
using ServiceExcellence.Application.Transactions;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.IntegrationTests.Guarantees;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;
using ServiceExcellence.Tests.Fuzz;

namespace ServiceExcellence.IntegrationTests.Fuzz;

/// <summary>
/// The commands staff send from forms, with hostile values, through the real mediator pipeline (validation,
/// transaction) as an administrator or the president: each is stored or refused with one of the exceptions the
/// app turns into a field message or a 4xx (validation 400, business rule 422, not found, conflict, forbidden) —
/// never another exception, which would be a 500 — and a refused command stores nothing.
/// </summary>
public sealed class CommandFuzzTests : IAsyncLifetime
{
    private static readonly Gen<decimal> Amount = Gen.Frequency(
        (2, Gen.Decimal),
        (3, Gen.Decimal[-1_000m, 2_000_000m]),
        (2, Gen.OneOf(decimal.MaxValue, decimal.MinValue, 0m, -0.01m, 0.001m, 0.005m, 999_999_999_999.99m, 1_000_000_000_000m, 9_999_999_999_999_999.99m, 10_000_000_000_000_000m)));

    private static readonly Gen<DateOnly?> Day = Gen.Frequency(
        (2, Gen.Const((DateOnly?)null)),
        (2, Gen.OneOf<DateOnly?>(DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(2026, 6, 15), new DateOnly(1900, 1, 1))),
        (1, Gen.DateOnly.Select(d => (DateOnly?)d)));

    private static readonly Gen<string?> Text = Hostile.NullableText;

    // Each field is mostly plausible and sometimes hostile, so that whole commands get through and are stored too.
    private static readonly Gen<string?> Name = Either(Gen.String[Gen.Char.AlphaNumeric, 1, 30]);
    private static readonly Gen<string?> Email = Either(Gen.String[Gen.Char['a', 'z'], 1, 12].Select(s => s + "@fuzz.example"));
    private static readonly Gen<string?> Code = Either(Gen.String[Gen.Char['A', 'Z'], 2, 10]);
    private static readonly Gen<string?> Currency = Either(Gen.OneOf("EUR", "USD", "eur"));
    private static readonly Gen<string?> Language = Either(Gen.OneOf("en", "de", "es"));
    private static readonly Gen<string?> Password = Either(Gen.String[Gen.Char.AlphaNumeric, 0, 8].Select(s => "Correct-Horse-Battery-" + s));

    private readonly AppFactory _app = new();
    private TestData _data = default!;
    private Person _admin = default!;
    private Person _president = default!;
    private Guid _alertId;
    private Guid _invocationId;

    public async ValueTask InitializeAsync()
    {
        _data = await TestData.SeedAsync(_app);
        _admin = await _app.CreatePersonAsync(StaffRole.Administrator);
        _president = await _app.CreatePersonAsync(StaffRole.President);
        await CustomerRatings.RateAsync(_app, _data, "FZ-ALERT", overall: 1, comment: "Late and rude.");
        _alertId = await _app.QueryAsync(db => db.Alerts.Select(a => a.Id).FirstAsync());
        var benId = Guid.Empty;
        await _app.ExecuteAsync(async db =>
        {
            var client = await db.Clients.Include(c => c.Contacts).SingleAsync(c => c.Id == _data.Northwind.Id);
            var ben = client.AddContact("Ben Becker", "ben@northwind.example", "en");
            db.Contacts.Add(ben);
            benId = ben.Id;
        });
        var (_, token) = await GuaranteeKit.LinkAsync(_app, _data, "FZ-GUARANTEE", benId);
        _invocationId = (await _app.SendAsync<InvokeGuarantee.Result>(new InvokeGuarantee.Command { Token = token, ChosenAmount = "100", Reason = "Late." })).Id;
    }

    public async ValueTask DisposeAsync()
    {
        var violations = await ColumnLimits.ViolationsAsync(_app);
        await _app.DisposeAsync();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Every_staff_command_with_hostile_values_is_stored_or_refused_as_a_client_error_and_a_refusal_stores_nothing()
    {
        var real = Gen.Frequency((3, Gen.Const(true)), (1, Gen.Const(false)));
        Gen<Guid?> Id(Func<TestData, Guid> known) => Gen.Frequency((4, Gen.Const(0).Select(_ => (Guid?)known(_data))), (1, Gen.Guid.Select(g => (Guid?)g)), (1, Gen.Const((Guid?)null)));

        var commands = Gen.OneOf<IMessage>(
            Gen.Select(Name, Code, Name, Amount, Id(d => d.ClientTeam.Id), Gen.Bool, (name, external, segment, revenue, team, excluded) =>
                (IMessage)new SaveClient.Command { Name = name, ExternalId = external, Segment = segment, AnnualRevenue = revenue, ClientTeamId = team, ExcludedFromSurveys = excluded }),
            Gen.Select(Id(d => d.Northwind.Id), Name, Email, Language, Gen.Bool, (client, name, email, language, optedOut) =>
                (IMessage)new SaveContact.Command { ClientId = client ?? Guid.Empty, Name = name, Email = email, Language = language!, OptedOut = optedOut }),
            Gen.Select(Code, Name, Id(d => d.Operations.Id), (code, name, owner) => (IMessage)new SaveServiceLine.Command { Code = code, Name = name, OwnerTeamId = owner }),
            Gen.Select(Name, Gen.Int[-1, 5], (name, kind) => (IMessage)new SaveTeam.Command { Name = name, Kind = (TeamKind)kind }),
            Gen.Select(Name, Text, Gen.Bool, Gen.Int, (name, description, critical, order) =>
                (IMessage)new SaveFailureCategory.Command { Name = name, Description = description, IsCritical = critical, SortOrder = order }),
            Gen.Select(real, Text, (known, text) => (IMessage)new CommentOnAlert.Command { Id = known ? _alertId : Guid.NewGuid(), Text = text }),
            Gen.Select(Text, Text, (action, reaction) => (IMessage)new RecordRecovery.Command { Id = _alertId, Action = action, Reaction = reaction }),
            Gen.Select(Text, Day, (notes, day) => (IMessage)new AnnotateGuarantee.Command { Id = _invocationId, Notes = notes, FollowUpOn = day }),
            Gen.Select(Amount.Nullable(0.2), Gen.Bool, Text, Day, (agreed, credit, notes, day) =>
                (IMessage)new SettleGuarantee.Command { Id = _invocationId, AgreedAmount = agreed, CreditIssued = credit, Notes = notes, FollowUpOn = day }),
            Gen.Select(Id(d => d.Anna.Id), Amount.Nullable(0.2), Amount.Nullable(0.2), Currency, Name, Gen.Int[-1, 5], (contact, invoiced, chosen, currency, reason, channel) =>
                (IMessage)new LogGuaranteeCall.Command
                {
                    ContactId = contact,
                    WithoutTransaction = true,
                    InvoicedAmount = invoiced,
                    ChosenAmount = chosen,
                    Currency = currency,
                    Reason = reason,
                    Channel = (GuaranteeChannel)channel,
                }),
            Gen.Select(Name, Code, (name, source) => (IMessage)new CreateApiKey.Command { Name = name, SourceSystem = source }),
            Gen.Select(Name, Text, Id(d => d.KeySuccess.Id), Gen.Int[-1, 6], Text, (title, description, owner, status, outcome) =>
                (IMessage)new SaveInitiative.Command { Title = title, Description = description, OwnerTeamId = owner, Status = (InitiativeStatus)status, OutcomeNote = outcome }),
            Gen.Select(Name, Email, Gen.Int[-1, 5], Password, (name, email, role, password) =>
                (IMessage)new AddPerson.Command { Name = name, Email = email, Role = (StaffRole)role, Password = password }),
            Gen.Select(Code, Id(d => d.Northwind.Id), Id(d => d.Anna.Id), Id(d => d.Repair.Id), Gen.OneOf<DateTime?>(DateTime.MinValue, DateTime.MaxValue, new DateTime(2026, 6, 14), new DateTime(2026, 6, 30)),
                Gen.Int[-1, 7], Amount, Currency, (reference, client, contact, line, at, channel, amount, currency) => (IMessage)new RecordTransaction.Command
                {
                    ExternalReference = reference,
                    ClientId = client,
                    ContactId = contact,
                    ServiceLineId = line,
                    OccurredAt = at,
                    Channel = (Channel)channel,
                    InvoicedAmount = amount,
                    Currency = currency,
                }));

        var stored = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var refused = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        await Check.SampleAsync(commands, async command =>
        {
            command = await WithCurrentVersionAsync(command);
            var before = await TableCounts.OfAsync(_app);
            var actor = command is SettleGuarantee.Command or AnnotateGuarantee.Command or LogGuaranteeCall.Command ? _president : _admin;

            try
            {
                await SendAsAsync(actor, command);
                stored.AddOrUpdate(command.GetType().DeclaringType!.Name, 1, (_, n) => n + 1);
            }
            catch (Exception ex) when (ex is ValidationException or DomainException or NotFoundException or ConflictException or ForbiddenException)
            {
                Assert.Equal(before, await TableCounts.OfAsync(_app));
                refused.AddOrUpdate(command.GetType().DeclaringType!.Name + ":" + ex.GetType().Name, 1, (_, n) => n + 1);
            }
        }, iter: Hostile.Iterations(300), threads: 1, print: c => Describe(c));

        // The generators reach the handlers: most kinds of command were stored at least once, not only refused.
        var summary = $"stored: {string.Join(", ", stored.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}; refused: {string.Join(", ", refused.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}";
        TestContext.Current.SendDiagnosticMessage(summary);
        Assert.True(stored.Count >= 8, summary);
    }

    private static Gen<string?> Either(Gen<string> plausible) => Gen.Frequency((3, plausible.Select(p => (string?)p)), (1, Text));

    /// <summary>Edits carry the version the person saw; the generator cannot know it, so it is read here.</summary>
    private async Task<IMessage> WithCurrentVersionAsync(IMessage command) => command switch
    {
        RecordRecovery.Command c => c with { Version = await _app.QueryAsync(db => db.Alerts.Where(a => a.Id == c.Id).Select(a => a.Version).SingleAsync()) },
        AnnotateGuarantee.Command c => c with { Version = await _app.QueryAsync(db => db.GuaranteeInvocations.Where(g => g.Id == c.Id).Select(g => g.Version).SingleAsync()) },
        SettleGuarantee.Command c => c with { Version = await _app.QueryAsync(db => db.GuaranteeInvocations.Where(g => g.Id == c.Id).Select(g => g.Version).SingleAsync()) },
        _ => command,
    };

    /// <summary>Sends the command as the person would from a page: signed in, with their role.</summary>
    private async Task SendAsAsync(Person person, IMessage command)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, person.Id.ToString()), new Claim(ClaimTypes.Role, person.Role.ToString())], "Fuzz")),
        };
        try
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    private static string Describe(IMessage command)
    {
        var text = command.ToString() ?? string.Empty;
        return text.Length <= 600 ? text : text[..600] + $"… ({text.Length} characters)";
    }
}
