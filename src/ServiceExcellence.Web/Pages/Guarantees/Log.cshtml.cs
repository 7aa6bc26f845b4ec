using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Guarantees;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Guarantees;

/// <summary>
/// The president logs a client's call in seconds, by keyboard: find the caller (GET <c>?q=</c>; the page's script asks
/// <c>?handler=Search</c> as they type), pick the transaction from the client's recent ones or none, the amount and the reason.
/// </summary>
[Authorize(Roles = StaffRoles.President)]
public sealed class LogModel(IMediator mediator) : PageModel, IHasFormOptions
{
    /// <summary>"none" for no particular transaction, else the id of one of the client's recent transactions.</summary>
    public const string NoTransaction = "none";

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty]
    public LogGuaranteeCall.Command Input { get; set; } = new();

    [BindProperty]
    public string? Transaction { get; set; }

    public IReadOnlyList<FindGuaranteeCallers.Caller> Callers { get; private set; } = [];

    /// <summary>The chosen caller and their client's recent transactions; null while searching.</summary>
    public StartGuaranteeCall.Model? Call { get; private set; }

    public async Task OnGetAsync(Guid? contactId, CancellationToken cancellationToken)
    {
        Input = new LogGuaranteeCall.Command { ContactId = contactId };
        await LoadFormOptionsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetSearchAsync(CancellationToken cancellationToken) =>
        new JsonResult(await mediator.Send(new FindGuaranteeCallers.Query(Search), cancellationToken));

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var command = Input with
        {
            TransactionId = Guid.TryParse(Transaction, out var transactionId) ? transactionId : null,
            WithoutTransaction = Transaction == NoTransaction,
        };
        var result = await mediator.Send(command, cancellationToken);
        if (result.AlreadyOpen)
        {
            TempData["Notice"] = "The guarantee is already invoked on this transaction: here is the open invocation. Nothing new was logged.";
            return RedirectToPage("Details", new { id = result.Id });
        }

        TempData["Notice"] = "Call logged. The alert is raised and the invocation waits below.";
        return RedirectToPage("Index");
    }

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken)
    {
        if (Input.ContactId is { } contactId)
        {
            Call = await mediator.Send(new StartGuaranteeCall.Query(contactId), cancellationToken);
        }
        else
        {
            Callers = await mediator.Send(new FindGuaranteeCallers.Query(Search), cancellationToken);
        }
    }
}
