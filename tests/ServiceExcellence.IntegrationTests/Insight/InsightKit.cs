using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Application.Transactions;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;
using SubmitRating = ServiceExcellence.Application.Ratings.SubmitRating;

namespace ServiceExcellence.IntegrationTests.Insight;

/// <summary>
/// The fixed data set of the dashboard tests, recorded through the real commands at fixed times (UTC) in the week of
/// Monday 15 June 2026, so that every figure can be worked out by hand:
/// <code>
/// when              client     line     overall rel resp fv emp comp nps  what went wrong
/// Mon 15 10:00      Northwind  Repair   5       5   4    5  4   5    10   —
/// Tue 16 14:30      Northwind  Repair   2       1   2    3  2   3    3    Late           → alert A (ack +2 h, resolved +26 h)
/// Wed 17 09:00      Contoso    Billing  4       4   3    —  —   —    8    Wrong invoice
/// Wed 17 14:10      Contoso    Repair   1       2   1    —  —   —    0    Late, Rude     → alert B (never acknowledged)
/// Thu 18 11:00      Northwind  Billing  (invited, no answer)
/// Thu 18 12:00      guarantee on the Tuesday transaction: 480 EUR invoiced, 200 agreed on Fri 19 10:00 → credit 280
/// </code>
/// Client Team North owns Northwind (revenue 2.5 M), Client Team South owns Contoso (1 M); Field Service owns Repair,
/// Billing &amp; Finance owns Billing.
/// </summary>
public sealed class InsightKit(AppFactory app, TestData data)
{
    public static readonly DateTimeOffset Monday = new(2026, 6, 15, 0, 0, 0, TimeSpan.Zero);

    public Team South { get; private set; } = default!;
    public Team BillingTeam { get; private set; } = default!;
    public ServiceLine Billing { get; private set; } = default!;
    public Client Contoso { get; private set; } = default!;
    public Contact Bob { get; private set; } = default!;
    public FailureCategory Late { get; private set; } = default!;
    public FailureCategory Rude { get; private set; } = default!;
    public FailureCategory WrongInvoice { get; private set; } = default!;
    public Guid TuesdayRating { get; private set; }
    public Guid WednesdayPoorRating { get; private set; }

    private int _references;

    public async Task SeedCompanyAsync()
    {
        South = new Team("Client Team South", TeamKind.Client);
        BillingTeam = new Team("Billing & Finance", TeamKind.Operations);
        Billing = new ServiceLine("BILL", "Billing", BillingTeam);
        Contoso = new Client("Contoso", "CRM-2", "Mid-market", 1_000_000m, South);
        Bob = Contoso.AddContact("Bob Brown", "bob@contoso.example", "en");
        Late = new FailureCategory("Late", null, isCritical: false, 1);
        Rude = new FailureCategory("Rude", null, isCritical: false, 2);
        WrongInvoice = new FailureCategory("Wrong invoice", null, isCritical: false, 3);
        await app.ExecuteAsync(db =>
        {
            db.Teams.AddRange(South, BillingTeam);
            db.ServiceLines.Add(Billing);
            db.Clients.Add(Contoso);
            db.FailureCategories.AddRange(Late, Rude, WrongInvoice);
            return Task.CompletedTask;
        });
    }

    public async Task SeedWeekAsync()
    {
        await SeedCompanyAsync();
        await RateAsync(Monday.AddHours(10), data.Northwind, data.Anna, data.Repair, 5, 5, 4, 5, 4, 5, 10);
        TuesdayRating = await RateAsync(Monday.AddDays(1).AddHours(14.5), data.Northwind, data.Anna, data.Repair, 2, 1, 2, 3, 2, 3, 3, Late.Id);
        await RateAsync(Monday.AddDays(2).AddHours(9), Contoso, Bob, Billing, 4, 4, 3, null, null, null, 8, WrongInvoice.Id);
        WednesdayPoorRating = await RateAsync(Monday.AddDays(2).AddHours(14).AddMinutes(10), Contoso, Bob, Repair, 1, 2, 1, null, null, null, 0, Late.Id, Rude.Id);
        app.Clock.SetUtcNow(Monday.AddDays(3).AddHours(11));
        await RecordAsync(data.Northwind, data.Anna, Billing);

        await app.ExecuteAsync(async db =>
        {
            var actor = (await app.CreatePersonAsync(Domain.People.StaffRole.Manager)).Id;
            var alert = await db.Alerts.SingleAsync(a => a.RatingId == TuesdayRating);
            var raised = alert.CreatedAt;
            alert.Acknowledge(actor, raised.AddHours(2));
            alert.RecordRecovery("Called and re-scheduled the repair.", "Relieved", actor, raised.AddHours(20));
            alert.Resolve(actor, raised.AddHours(26));

            var tuesday = await db.Ratings.SingleAsync(r => r.Id == TuesdayRating);
            var invocation = new Domain.Guarantees.GuaranteeInvocation(data.Northwind.Id, data.Anna.Id, tuesday.TransactionId, Domain.Guarantees.GuaranteeChannel.PhoneCall,
                480m, "EUR", 200m, "The repair came a day late.", Monday.AddDays(3).AddHours(12), actor);
            invocation.Settle(200m, creditIssued: true, null, null, actor, Monday.AddDays(4).AddHours(10));
            db.GuaranteeInvocations.Add(invocation);
        });
        app.Clock.SetUtcNow(Monday.AddDays(7).AddHours(9));
    }

    private ServiceLine Repair => data.Repair;

    /// <summary>Sends a dashboard query as the president would (who sees every scope), through the real pipeline.</summary>
    public async Task<TResponse> AsPresidentAsync<TResponse>(IMessage message)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Domain.People.StaffRoles.President)], "test")),
        };
        try
        {
            return (TResponse)(await scope.ServiceProvider.GetRequiredService<IMediator>().Send(message))!;
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    /// <summary>At <paramref name="at"/>: records a transaction an hour earlier, sends its survey and submits the customer's answer.</summary>
    public async Task<Guid> RateAsync(DateTimeOffset at, Client client, Contact contact, ServiceLine line, int overall,
        int? reliability, int? responsiveness, int? feelingValued, int? empathy, int? competency, int? recommend, params Guid[] categories)
    {
        app.Clock.SetUtcNow(at);
        var transactionId = await RecordAsync(client, contact, line);
        var token = await SurveyLinks.MintAsync(app, transactionId);
        var result = await app.SendAsync<SubmitRating.Result>(new SubmitRating.Command
        {
            Token = token,
            Overall = overall,
            Reliability = reliability,
            Responsiveness = responsiveness,
            FeelingValued = feelingValued,
            Empathy = empathy,
            Competency = competency,
            LikelihoodToRecommend = recommend,
            FailureCategoryIds = [.. categories],
            Comment = "Comment " + _references,
            Language = "en",
        });
        return result.RatingId;
    }

    public async Task<Guid> RecordAsync(Client client, Contact contact, ServiceLine line)
    {
        var recorded = await app.SendAsync<RecordTransaction.Result>(new RecordTransaction.Command
        {
            ExternalReference = $"INS-{++_references}",
            ClientId = client.Id,
            ContactId = contact.Id,
            ServiceLineId = line.Id,
            OccurredAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(-1),
            InvoicedAmount = 480m,
            Currency = "EUR",
        });
        return recorded.Id;
    }
}
