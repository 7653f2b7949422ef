/**
 * The printed forms of issues (DOCX, PDF, OFD). {@link cn.jianbao.publication.print.PdfDocuments}
 * is open to other modules for their own documents (the assessment's 通报).
 */
@org.springframework.modulith.NamedInterface("print")
package cn.jianbao.publication.print;
