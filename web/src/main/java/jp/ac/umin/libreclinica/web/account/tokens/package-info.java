/** The page where users manage their personal API tokens ({@code /account/tokens}). */
package jp.ac.umin.libreclinica.web.account.tokens;
