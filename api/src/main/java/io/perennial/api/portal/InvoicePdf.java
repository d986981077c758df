package io.perennial.api.portal;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.micronaut.context.MessageSource;
import io.perennial.api.billing.CreditNoteView;
import io.perennial.api.billing.InvoiceView;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * An invoice as a PDF, from the same InvoiceView, messages and money formatting as its page. Labels are English:
 * the only font in the jar (OpenPDF's Liberation Sans, embedded so the file is self-contained and its text
 * extractable) has no Chinese glyphs, and nothing but a JDK is installed. Amounts follow the reader's locale.
 */
@Singleton
public class InvoicePdf {

    private static final String FONT = "font-fallback/LiberationSans-Regular.ttf";

    private final MessageSource messages;

    public InvoicePdf(MessageSource messages) {
        this.messages = messages;
    }

    public byte[] render(InvoiceView invoice, Locale readerLocale) {
        PortalFormat fmt = new PortalFormat(readerLocale.getLanguage().equals("zh") ? Locale.ENGLISH : readerLocale);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 48, 48, 48, 48);
        try {
            BaseFont base = BaseFont.createFont(FONT, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            Font title = new Font(base, 18, Font.BOLD);
            Font text = new Font(base, 10);
            Font strong = new Font(base, 11, Font.BOLD);
            PdfWriter.getInstance(document, out);
            document.addTitle(label("invoice.title") + " " + invoice.number());
            document.open();
            document.add(new Paragraph("Perennial — " + label("invoice.title") + " " + invoice.number(), title));
            document.add(new Paragraph(label("invoice.issued") + ": " + fmt.date(invoice.issuedAt()), text));
            document.add(new Paragraph(label("invoice.period") + ": " + fmt.date(invoice.periodStart()) + " – "
                    + fmt.date(invoice.periodEnd()), text));
            document.add(new Paragraph(label("invoice.status") + ": " + label("invoice.status." + invoice.status()),
                    text));
            document.add(new Paragraph(" ", text));
            PdfPTable lines = new PdfPTable(new float[] {4, 1.4f});
            lines.setWidthPercentage(100);
            lines.addCell(cell(label("invoice.line"), strong, Element.ALIGN_LEFT));
            lines.addCell(cell(label("invoice.amount"), strong, Element.ALIGN_RIGHT));
            for (InvoiceView.Line line : invoice.lines()) {
                lines.addCell(cell(line.description(), text, Element.ALIGN_LEFT));
                lines.addCell(cell(fmt.money(line.amountMinor(), invoice.currency()), text, Element.ALIGN_RIGHT));
            }
            for (InvoiceView.TaxLine tax : invoice.taxLines()) {
                // Inclusive tax is part of the lines above: shown, not added.
                String included = "INCLUSIVE".equals(invoice.taxBehavior()) ? " (" + label("invoice.tax.included")
                        + ")" : "";
                String taxed = tax.name() + " " + tax.ratePercent().toPlainString() + " % " + label("invoice.tax.on")
                        + " " + fmt.money(tax.taxableMinor(), invoice.currency()) + included;
                lines.addCell(cell(taxed, text, Element.ALIGN_LEFT));
                lines.addCell(cell(fmt.money(tax.taxMinor(), invoice.currency()), text, Element.ALIGN_RIGHT));
            }
            lines.addCell(cell(label("invoice.total"), strong, Element.ALIGN_LEFT));
            lines.addCell(cell(fmt.money(invoice.totalMinor(), invoice.currency()), strong, Element.ALIGN_RIGHT));
            document.add(lines);
            if (invoice.customerTaxId() != null) {
                document.add(new Paragraph(label("invoice.customerTaxId") + ": " + invoice.customerTaxId(), text));
            }
            if (invoice.taxNote() != null) {
                document.add(new Paragraph(invoice.taxNote(), strong));
            }
            for (CreditNoteView note : invoice.creditNotes()) {
                document.add(new Paragraph(label("invoice.creditNote") + " " + note.number() + " ("
                        + fmt.date(note.issuedAt()) + "): −" + fmt.money(note.totalMinor(), note.currency()) + " — "
                        + note.reason(), text));
            }
            if (invoice.paidAt() != null) {
                document.add(new Paragraph(label("invoice.paid") + ": " + fmt.date(invoice.paidAt()), text));
            }
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("invoice " + invoice.number() + " could not be laid out", e);
        } catch (IOException e) {
            throw new UncheckedIOException("OpenPDF's bundled font is missing", e);
        }
        return out.toByteArray();
    }

    private String label(String key) {
        return messages.getMessage(key, Locale.ENGLISH).orElse(key);
    }

    private static PdfPCell cell(String content, Font font, int alignment) {
        PdfPCell cell = new PdfPCell(new Phrase(content, font));
        cell.setHorizontalAlignment(alignment);
        cell.setPadding(5);
        return cell;
    }
}
