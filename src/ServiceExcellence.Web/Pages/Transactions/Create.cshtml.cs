using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Lookups;
using ServiceExcellence.Application.Transactions;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Transactions;

/// <summary>Any member of staff records a transaction by hand. Recording the same reference twice shows the first one.</summary>
public sealed class CreateModel(IMediator mediator, TimeProvider clock) : PageModel, IHasFormOptions
{
    [BindProperty]
    public RecordTransaction.Command Input { get; set; } = new();

    /// <summary>Set when the posted reference had been recorded before: nothing new was stored.</summary>
    public RecordTransaction.Result? AlreadyRecorded { get; private set; }

    public IReadOnlyList<Option> Clients { get; private set; } = [];

    /// <summary>The contacts of the chosen client (the form's script replaces them when the client changes).</summary>
    public IReadOnlyList<Option> Contacts { get; private set; } = [];

    public IReadOnlyList<Option> ServiceLines { get; private set; } = [];

    public IReadOnlyList<Option> Teams { get; private set; } = [];

    public IReadOnlyList<Option> People { get; private set; } = [];

    public async Task OnGetAsync(Guid? clientId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Input = new RecordTransaction.Command
        {
            ClientId = clientId,
            OccurredAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMinute)),
        };
        await LoadFormOptionsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(Input with { SourceSystem = Transaction.ManualSource }, cancellationToken);
        if (result.Created)
        {
            TempData["Notice"] = $"Transaction {result.ExternalReference} recorded.";
            return RedirectToPage("Details", new { id = result.Id });
        }

        AlreadyRecorded = result;
        await LoadFormOptionsAsync(cancellationToken);
        return Page();
    }

    /// <summary>The contacts of a client as JSON options, for the form's script.</summary>
    public async Task<IActionResult> OnGetContactsAsync(Guid clientId, CancellationToken cancellationToken) =>
        new JsonResult(await mediator.Send(new GetOptions.ContactsOf(clientId), cancellationToken));

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken)
    {
        Clients = await mediator.Send(new GetOptions.Clients(), cancellationToken);
        Contacts = Input.ClientId is { } clientId ? await mediator.Send(new GetOptions.ContactsOf(clientId), cancellationToken) : [];
        ServiceLines = await mediator.Send(new GetOptions.ServiceLines(), cancellationToken);
        Teams = await mediator.Send(new GetOptions.Teams(), cancellationToken);
        People = await mediator.Send(new GetOptions.People(), cancellationToken);
    }
}
