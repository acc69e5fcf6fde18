;;; client.el --- Emacs + eglot as a real LSP client of `plainly lsp'  -*- lexical-binding: t -*-
;;
;; Run by tests/emacs.rs as `emacs --batch -Q -l client.el'.  Uses the set-up of
;; docs/editors.md (eglot-server-programs + eglot-ensure in the mode hook), opens a
;; letter, waits for the diagnostics to reach Flymake, picks a code action the way a
;; user does (M-x eglot-code-actions, then a choice in the minibuffer), checks that the
;; buffer changed and that the server's next diagnostics follow the edit, then shuts
;; the server down.  Writes what it saw, one fact a line, to $PLAINLY_EMACS_OUT.

(require 'cl-lib)
;; Debian's elpa-eglot is a package.el package (under /usr/share/emacs/site-lisp/elpa):
;; with -Q it needs activating.
(unless (require 'eglot nil t)
  (require 'package)
  (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
  (package-initialize)
  (require 'eglot))
(require 'flymake)

(defvar plainly-out (getenv "PLAINLY_EMACS_OUT"))
(defvar plainly-bin (getenv "PLAINLY_BIN"))
(defvar plainly-file (getenv "PLAINLY_FILE"))
(defvar plainly-report nil)

(defun plainly-say (fmt &rest args)
  (push (apply #'format fmt args) plainly-report))

(defun plainly-finish (status)
  (with-temp-file plainly-out
    (set-buffer-file-coding-system 'utf-8-unix)
    (insert (mapconcat #'identity (reverse plainly-report) "\n") "\n"))
  (kill-emacs status))

(defun plainly-wait (pred seconds)
  "Let Emacs run (process output, timers) until PRED holds or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)) (ok nil))
    (while (and (not (setq ok (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    ok))

(defun plainly-idle ()
  "Run the idle timers, as Emacs does when the user pauses (never in batch by itself):
eglot sends its didChange and Flymake reports from them."
  (mapc #'timer-event-handler (copy-sequence timer-idle-list))
  (flymake-start))

(defun plainly-line ()
  (save-excursion
    (goto-char (point-min))
    (forward-line 2)
    (buffer-substring-no-properties (line-beginning-position) (line-end-position))))

(defun plainly-apply (words title)
  "Put the region on WORDS and pick the code action TITLE, as with M-x eglot-code-actions."
  ;; The region from search-forward's value, not the match data: in a test run the match
  ;; data did not always survive until the call.
  (let* ((end (progn (goto-char (point-min)) (search-forward words)))
         (beg (- end (length words)))
         (last-nonmenu-event ?\r))
    (cl-letf (((symbol-function 'completing-read) (lambda (&rest _) title)))
      (eglot-code-actions beg end nil t))))

(defun plainly-diagnostics ()
  (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a)
                                               (flymake-diagnostic-beg b)))))

(defun plainly-dump-diagnostics (label)
  (dolist (d (plainly-diagnostics))
    (let ((beg (flymake-diagnostic-beg d)))
      (plainly-say "%s: %d:%d %s %S %s" label
                   (line-number-at-pos beg)
                   ;; the column in characters, as Emacs counts them
                   (- beg (save-excursion (goto-char beg) (line-beginning-position)))
                   (flymake-diagnostic-type d)
                   (buffer-substring-no-properties beg (flymake-diagnostic-end d))
                   (flymake-diagnostic-text d)))))

(condition-case err
    (progn
      (setq make-backup-files nil
            auto-save-default nil
            create-lockfiles nil
            ;; Flymake reports as soon as diagnostics arrive (the default: 0.5 s idle).
            flymake-no-changes-timeout 0.5)
      ;; Markdown: the `markdown-mode' package where installed, else a stand-in
      ;; derived from text-mode (eglot names the language after the mode: "markdown").
      (unless (require 'markdown-mode nil t)
        (define-derived-mode markdown-mode text-mode "Markdown")
        (add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode)))

      ;; The configuration of docs/editors.md, with the binary under test.
      (with-eval-after-load 'eglot
        (add-to-list 'eglot-server-programs
                     `((markdown-mode text-mode html-mode) . (,plainly-bin "lsp"))))
      (add-hook 'markdown-mode-hook #'eglot-ensure)

      (find-file plainly-file)
      (plainly-say "major-mode: %s" major-mode)
      ;; eglot-ensure connects after the next command; in batch, run that hook by hand.
      (run-hooks 'post-command-hook)
      (plainly-say "managed: %s"
                   (plainly-wait (lambda () (bound-and-true-p eglot--managed-mode)) 30))
      (let ((server (eglot-current-server)))
        (unless server (error "eglot did not connect"))
        (plainly-say "server: %s" (plist-get (eglot--server-info server) :name))
        (plainly-say "position-encoding: %s"
                     (or (plist-get (eglot--capabilities server) :positionEncoding) "none"))
        ;; Diagnostics: published by the server, shown by Flymake.
        (plainly-say "diagnostics-arrived: %s"
                     (and (plainly-wait (lambda () (plainly-idle) (plainly-diagnostics)) 30)
                          t))
        (plainly-dump-diagnostics "diagnostic")

        ;; Hover on the first word (what eldoc would show).
        (let ((hover (jsonrpc-request server :textDocument/hover
                                      (list :textDocument (eglot--TextDocumentIdentifier)
                                            :position (list :line 2 :character 3)))))
          (plainly-say "hover: %s"
                       (replace-regexp-in-string
                        "\n" " " (or (plist-get (plist-get hover :contents) :value) ""))))

        ;; A code action on « à compter de », after an emoji and accented words (UTF-16
        ;; columns differ from Emacs's characters and from UTF-8 bytes): listed, then
        ;; chosen as a user would, from the minibuffer.
        (goto-char (point-min))
        (dolist (a (let ((end (search-forward "à compter de")))
                     (eglot-code-actions (- end (length "à compter de")) end)))
          (plainly-say "action: %s" (plist-get a :title)))
        (plainly-apply "à compter de" "Remplacer par « à partir de »")
        (plainly-say "text-after-fix: %s" (plainly-line))
        ;; Straight away (no pause for a new analysis), a second fix further on the
        ;; line: eglot sends the didChange just before the codeAction request, so the
        ;; server must answer for the text as it is now, not as it last analysed it.
        (plainly-apply "la présente" "Remplacer par « cette lettre »")
        (plainly-say "text-after-second-fix: %s" (plainly-line))
        ;; When Emacs is idle, the edits reach the server; its next diagnostics follow.
        (plainly-say "stale-finding-gone: %s"
                     (and (plainly-wait
                           (lambda ()
                             (plainly-idle)
                             (let ((ds (plainly-diagnostics)))
                               (and ds
                                    (not (cl-some (lambda (d)
                                                    (string-match-p
                                                     "« à compter de »\\|« la présente »"
                                                     (flymake-diagnostic-text d)))
                                                  ds)))))
                           30)
                          t))
        (plainly-dump-diagnostics "after")

        ;; Switch a rule off for the line: the server inserts a directive comment.
        (plainly-apply "dûment" "Ignorer « admin-cliche » pour cette ligne")
        (plainly-say "directive-line: %s"
                     (save-excursion
                       (goto-char (point-min))
                       (and (search-forward "plainly-disable-next-line" nil t)
                            (buffer-substring-no-properties
                             (line-beginning-position) (line-end-position)))))

        ;; Shut down cleanly: shutdown request, exit notification, process gone.
        (let ((proc (jsonrpc--process server)))
          (eglot-shutdown server)
          ;; eglot-shutdown signals an error when the shutdown request is not answered.
          (plainly-say "shutdown-answered: t")
          (plainly-say "server-exited: %s"
                       (plainly-wait (lambda () (not (process-live-p proc))) 10))
          (plainly-say "exit-status: %s" (process-exit-status proc))))
      (plainly-finish 0))
  (error
   (plainly-say "error: %S" err)
   (let ((events (cl-find-if (lambda (b) (string-match-p "EGLOT.*events" (buffer-name b)))
                             (buffer-list))))
     (when events
       (plainly-say "events:\n%s" (with-current-buffer events
                                    (buffer-substring-no-properties
                                     (max (point-min) (- (point-max) 6000))
                                     (point-max))))))
   (plainly-finish 1)))
